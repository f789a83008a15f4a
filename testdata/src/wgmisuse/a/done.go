package a

import (
	"context"
	"errors"
	"log"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

func charge(int) error { return nil }
func notify(int)       {}

func earlyReturn(orders []int) {
	var wg sync.WaitGroup
	for _, o := range orders {
		wg.Add(1)
		go func() {
			if err := charge(o); err != nil {
				return // want `this return ends the goroutine without calling wg.Done, which is not deferred: the WaitGroup counter never reaches zero and wg.Wait blocks forever`
			}
			notify(o)
			wg.Done()
		}()
	}
	wg.Wait()
}

func selectReturn(ctx context.Context, jobs <-chan int, s *server) {
	s.wg.Add(1)
	go func() {
		select {
		case <-ctx.Done():
			return // want `this return ends the goroutine without calling s.wg.Done`
		case j := <-jobs:
			process(j)
		}
		s.wg.Done()
	}()
}

// The loop can only be left by the return: the Done after it never runs.
func loopReturn(ctx context.Context, jobs <-chan int, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return // want `this return ends the goroutine without calling wg.Done`
			case j := <-jobs:
				process(j)
			}
		}
		wg.Done()
	}()
}

func recoveredPanic(wg *sync.WaitGroup, n int) {
	wg.Add(1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Print(r)
			}
		}()
		if n < 0 {
			panic("negative") // want `this panic is recovered and ends the goroutine without calling wg.Done`
		}
		wg.Done()
	}()
}

func goexit(wg *sync.WaitGroup, n int) {
	wg.Add(1)
	go func() {
		if n < 0 {
			runtime.Goexit() // want `runtime.Goexit ends the goroutine without calling wg.Done`
		}
		wg.Done()
	}()
}

// A worker function started with go.
func (s *server) loop(ctx context.Context) {
	for _, j := range s.jobs {
		if ctx.Err() != nil {
			return // want `this return ends the goroutine without calling s.wg.Done`
		}
		process(j)
	}
	s.wg.Done()
}

func startLoop(ctx context.Context, s *server) {
	s.wg.Add(1)
	go s.loop(ctx)
}

func embeddedDone(e *embedded) {
	e.Add(1)
	go func() {
		if e.n == 0 {
			return // want `without calling e.Done`
		}
		e.Done()
	}()
}

func methodValueDone(wg *sync.WaitGroup) {
	done := wg.Done
	wg.Add(1)
	go func() {
		if charge(1) != nil {
			return // want `without calling wg.Done`
		}
		done()
	}()
}

// ---- near misses ----

// Done on the early path too.
func doneBeforeReturn(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		if err := charge(1); err != nil {
			wg.Done()
			return
		}
		notify(1)
		wg.Done()
	}()
}

// Done in every branch.
func doneEveryBranch(wg *sync.WaitGroup, n int) {
	wg.Add(1)
	go func() {
		switch {
		case n < 0:
			wg.Done()
		case n == 0:
			notify(n)
			wg.Done()
		default:
			wg.Done()
		}
	}()
}

func deferred(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		if charge(1) != nil {
			return
		}
	}()
}

func deferredMethodValue(wg *sync.WaitGroup) {
	done := wg.Done
	wg.Add(1)
	go func() {
		defer done()
		if charge(1) != nil {
			return
		}
	}()
}

func deferredInClosure(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer func() {
			wg.Done()
		}()
		if charge(1) != nil {
			return
		}
	}()
}

// Straight line.
func straight(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		notify(1)
		wg.Done()
	}()
}

// The process ends on the early path.
func fatal(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		if err := charge(1); err != nil {
			log.Fatal(err)
		}
		if charge(2) != nil {
			os.Exit(1)
		}
		wg.Done()
	}()
}

// An unrecovered panic kills the process.
func unrecovered(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		if charge(1) != nil {
			panic("bad")
		}
		wg.Done()
	}()
}

// The return belongs to a nested function literal.
func nestedReturn(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		check := func() error {
			if charge(1) != nil {
				return errors.New("bad")
			}
			return nil
		}
		_ = check()
		wg.Done()
	}()
}

// Done once per item: continue and leaving the loop are fine.
func perItem(wg *sync.WaitGroup, jobs <-chan int) {
	go func() {
		for j := range jobs {
			if j < 0 {
				wg.Done()
				continue
			}
			process(j)
			wg.Done()
		}
	}()
}

// A loop with continue before the once-per-goroutine Done.
func loopContinue(wg *sync.WaitGroup, jobs []int) {
	wg.Add(1)
	go func() {
		for _, j := range jobs {
			if j < 0 {
				continue
			}
			process(j)
		}
		wg.Done()
	}()
}

// Done inside the loop right before leaving it.
func quitLoop(wg *sync.WaitGroup, quit <-chan struct{}, jobs <-chan int) {
	wg.Add(1)
	go func() {
		for {
			select {
			case <-quit:
				wg.Done()
				return
			case j := <-jobs:
				process(j)
			}
		}
	}()
}

// A helper of the package calls Done on the early path.
func (s *server) finish() { s.wg.Done() }

func helperDone(s *server) {
	s.wg.Add(1)
	go func() {
		if charge(1) != nil {
			s.finish()
			return
		}
		s.wg.Done()
	}()
}

// The WaitGroup is handed to a function on the early path.
func handOver(wg *sync.WaitGroup, release func(*sync.WaitGroup)) {
	wg.Add(1)
	go func() {
		if charge(1) != nil {
			release(wg)
			return
		}
		wg.Done()
	}()
}

// A worker function that only calls Done, deferred.
func (s *server) loopDeferred(ctx context.Context) {
	defer s.wg.Done()
	for range s.jobs {
		if ctx.Err() != nil {
			return
		}
	}
}

func startLoopDeferred(ctx context.Context, s *server) {
	s.wg.Add(1)
	go s.loopDeferred(ctx)
}

// A function with an early return that is not started with go.
func (s *server) notAGoroutine(n int) {
	if n < 0 {
		return
	}
	s.wg.Done()
}

// Two WaitGroups: a is done on every path, b is skipped by the return.
func twoGroups(a, b *sync.WaitGroup) {
	go func() {
		a.Done()
		if charge(1) != nil {
			return // want `without calling b.Done`
		}
		b.Done()
	}()
}

// A Done that only some paths reach, without an early return: the last of
// several goroutines calls it.
func lastOneOut(wg *sync.WaitGroup, n int32) {
	wg.Add(1)
	remaining := n
	for range n {
		go func() {
			process(1)
			if atomic.AddInt32(&remaining, -1) == 0 {
				wg.Done()
			}
		}()
	}
}

// The same latch with an early return.
func lastOneOutReturn(wg *sync.WaitGroup, n int32) {
	wg.Add(1)
	var remaining atomic.Int32
	remaining.Store(n)
	for range n {
		go func() {
			process(1)
			if remaining.Add(-1) != 0 {
				return
			}
			wg.Done()
		}()
	}
}

// Nothing waits on a nil WaitGroup.
func nilGuard(jobs []int, wg *sync.WaitGroup) {
	go func() {
		if wg == nil {
			return
		}
		for _, j := range jobs {
			process(j)
		}
		wg.Done()
	}()
}

// The goroutine counts itself after the early return (the Add is reported
// by the other rule only when a Wait races with it).
func ownAdd(wg *sync.WaitGroup) {
	go func() {
		if charge(1) != nil {
			return
		}
		wg.Add(1)
		process(1)
		wg.Done()
	}()
}

// The early path hands the Done over to another goroutine.
func handOff(wg *sync.WaitGroup, s *server) {
	wg.Add(1)
	go func() {
		if charge(1) != nil {
			go func() {
				process(2)
				wg.Done()
			}()
			return
		}
		wg.Done()
	}()
	s.wg.Add(1)
	go func() {
		if charge(1) != nil {
			go s.finish()
			return
		}
		s.wg.Done()
	}()
}

// An atomic counter that does not decide the Done: still reported.
func atomicElsewhere(wg *sync.WaitGroup, res chan int, recv *int32) {
	wg.Add(1)
	go func() {
		for r := range res {
			if r < 0 {
				return // want `without calling wg.Done`
			}
			if atomic.AddInt32(recv, -1) == 0 {
				close(res)
			}
		}
		wg.Done()
	}()
}
