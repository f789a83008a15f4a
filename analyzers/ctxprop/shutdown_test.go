package ctxprop

import "testing"

func TestStopNames(t *testing.T) {
	for name, want := range map[string][2]bool{ // isStopName, isCleanupLike
		"Shutdown": {true, true}, "GracefulStop": {true, true}, "drainConns": {true, true},
		"onClose": {true, true}, "CleanUp": {true, true}, "stop_all": {true, true},
		"Stopwatch": {false, false}, "closest": {false, false}, "handleOrder": {false, false},
		"releaseLocks": {false, true}, "waitAndStop": {false, true}, "HTTPShutdown": {false, true},
		"stopHTTPServer": {true, true},
	} {
		if got := [2]bool{isStopName(name), isCleanupLike(name)}; got != want {
			t.Errorf("%s: isStopName, isCleanupLike = %v, want %v", name, got, want)
		}
	}
}
