package a

import (
	"sync"
	"testing"
)

// Tests are checked too: a Done skipped by t.Errorf(...); return hangs CI
// until go test's timeout.
func TestWorkers(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			if i == 2 {
				t.Error("bad")
				return // want `this return ends the goroutine without calling wg.Done`
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// A deferred Done is not skipped.
func TestWorkersDeferred(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 2 {
				t.Error("bad")
				return
			}
		}()
	}
	wg.Wait()
}
