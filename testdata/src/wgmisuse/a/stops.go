package a

import (
	"log"
	"sync"
	"testing"
)

// t.FailNow ends the goroutine through runtime.Goexit: the Done below is
// skipped as by runtime.Goexit itself.
func failNow(t testing.TB, wg *sync.WaitGroup, n int) {
	wg.Add(1)
	go func() {
		if n < 0 {
			t.FailNow() // want `t.FailNow calls runtime.Goexit, which ends the goroutine without calling wg.Done`
		}
		wg.Done()
	}()
}

// die always ends the process: no hang to report.
func die() { log.Fatal("x") }

func exitsViaHelper(wg *sync.WaitGroup, n int) {
	wg.Add(1)
	go func() {
		if n < 0 {
			die()
		}
		wg.Done()
	}()
}
