package go121

import (
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

// waitedPerSlot: in a synchronous subtest, the goroutines read the loop
// variable and each signals its own WaitGroup; the subtest waits for all
// of them before t.Run returns.
func waitedPerSlot(t *testing.T, orders []Order) {
	for _, o := range orders {
		t.Run("x", func(t *testing.T) {
			wgs := make([]sync.WaitGroup, 2)
			for i := range wgs {
				wgs[i].Add(1)
				go func(i int) {
					ship(o)
					wgs[i].Done()
				}(i)
			}
			for i := range wgs {
				wgs[i].Wait()
			}
		})
	}
}

// waitedDoneLoop: the subtest receives once per goroutine.
func waitedDoneLoop(t *testing.T, orders []Order) {
	for _, o := range orders {
		t.Run("x", func(t *testing.T) {
			done := make(chan struct{})
			for j := 0; j < 3; j++ {
				go func() {
					ship(o)
					done <- struct{}{}
				}()
			}
			for j := 0; j < 3; j++ {
				<-done
			}
		})
	}
}

// waitedErrgroup: errgroup goroutines of an inner loop, waited before the
// subtest returns.
func waitedErrgroup(t *testing.T, orders []Order) {
	for _, o := range orders {
		t.Run("x", func(t *testing.T) {
			var g errgroup.Group
			for j := 0; j < 3; j++ {
				g.Go(func() error { return ship(o) })
			}
			if err := g.Wait(); err != nil {
				t.Error(err)
			}
		})
	}
}

// waitedAfterInner: started in an inner loop of the iteration and waited
// after it, before the next iteration.
func waitedAfterInner(orders []Order) {
	for _, o := range orders {
		var wg sync.WaitGroup
		for j := 0; j < 3; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ship(o)
			}()
		}
		wg.Wait()
	}
}

// notWaitedInSubtest: nothing waits for the goroutine.
func notWaitedInSubtest(t *testing.T, orders []Order) {
	for _, o := range orders {
		t.Run("x", func(t *testing.T) {
			for j := 0; j < 3; j++ {
				go func() {
					ship(o) // want `goroutine captures loop variable o`
				}()
			}
		})
	}
}

// waitedAfterLoop: the wait comes after the loop, when o has moved on.
func waitedAfterLoop(orders []Order) {
	var wg sync.WaitGroup
	for _, o := range orders {
		for j := 0; j < 3; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ship(o) // want `goroutine captures loop variable o`
			}()
		}
	}
	wg.Wait()
}

// continuedBeforeWait: the inner loop may move to the next order before
// the wait.
func continuedBeforeWait(orders []Order) {
	var wg sync.WaitGroup
outer:
	for _, o := range orders {
		for j := 0; j < 3; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ship(o) // want `goroutine captures loop variable o`
			}()
			if o.ID == j {
				continue outer
			}
		}
		wg.Wait()
	}
}
