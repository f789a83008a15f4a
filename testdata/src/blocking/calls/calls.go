// Package calls makes the calls whose waiting the test reports.
package calls

import (
	"blocking/downstream"
	. "blocking/upstream"
	"sync"
)

func local(ch chan int) { <-ch }

func calls(ch chan int, wg *sync.WaitGroup) {
	Drain(ch)            // want `waits`
	downstream.Flush(ch) // want `waits`
	local(ch)            // want `waits`
	wg.Wait()            // want `waits`
	Log("x")
	Poll(ch)
	f := Later(ch)
	f() // a function value: not seen
	var s Server
	_ = s.Start() // want `waits`
}
