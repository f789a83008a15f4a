package tests

import "testing"

type tcase struct {
	name string
	in   int
}

var cases = []tcase{{"a", 1}, {"b", 2}}

func check(t *testing.T, tc tcase) {}

func TestParallel(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			check(t, tc) // want `parallel subtest captures loop variable tc; before Go 1\.22 all iterations share one tc, so subtests, which run after the loop has finished, see a later value`
		})
	}
}

func TestCopiedBeforeParallel(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc := tc
			t.Parallel()
			check(t, tc)
		})
	}
}

func TestNotParallel(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			check(t, tc)
		})
	}
}

func TestParallelOfParent(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(st *testing.T) {
			t.Parallel() // the parent's, not the subtest's
			check(st, tc)
		})
	}
}

// TestServerPerSubtest: the server goroutine of each subtest is joined by
// its cleanup, which runs before t.Run returns.
func TestServerPerSubtest(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				done <- serveCase(tc)
			}()
			t.Cleanup(func() {
				<-done
			})
			check(t, tc)
		})
	}
}

// TestServerDeferred: the same with a deferred wait.
func TestServerDeferred(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				done <- serveCase(tc)
			}()
			defer func() { <-done }()
			check(t, tc)
		})
	}
}

// TestServerUnjoined: nothing visibly waits for the server goroutine, but
// it serves the subtest, which runs in the iteration (no t.Parallel): the
// test talks to it before t.Run returns (a fake server on a pipe), an
// order no join shows. Not reported: on real tests (amqp091-go) every such
// finding was a false alarm.
func TestServerUnjoined(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			go func() {
				serveCase(tc)
			}()
			check(t, tc)
		})
	}
}

// TestServerParallel: in a parallel subtest the goroutine starts after the
// loop has moved on.
func TestServerParallel(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			go func() {
				serveCase(tc) // want `captures loop variable tc`
			}()
			check(t, tc)
		})
	}
}

func serveCase(tc tcase) error { return nil }
