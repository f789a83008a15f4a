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

// TestServerLeaks: nothing waits for the server goroutine.
func TestServerLeaks(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			go func() {
				serveCase(tc) // want `goroutine captures loop variable tc`
			}()
			check(t, tc)
		})
	}
}

func serveCase(tc tcase) error { return nil }
