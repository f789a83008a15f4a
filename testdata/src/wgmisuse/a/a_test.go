package a

import (
	"sync"
	"testing"
)

// Tests are not production: a hang there fails the test run.
func TestWorkers(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 3 {
		go func() {
			wg.Add(1)
			if i == 2 {
				t.Error("bad")
				return
			}
			wg.Done()
		}()
		go func() { defer wg.Done() }()
		wg.Add(1)
	}
	wg.Wait()
}
