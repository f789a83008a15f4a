// Package go124 is a module at go 1.24: each iteration has its own loop
// variables, but goroutines still race with the loop over variables
// declared outside it.
package go124

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Order struct{ ID int }

func ship(o Order) error { return nil }

func load(id int) *Order { return &Order{ID: id} }

func use(args ...any) {}

// perIteration: the loop variables are fresh on every iteration.
func perIteration(orders []Order, n int) error {
	for _, o := range orders {
		go func() { ship(o) }()
		defer func() { ship(o) }()
	}
	for i := 0; i < n; i++ {
		go func() { use(i) }()
	}
	var g errgroup.Group
	for _, o := range orders {
		g.Go(func() error { return ship(o) })
	}
	return g.Wait()
}

// outerRead: cur is declared outside the loop and written by it.
func outerRead(ctx context.Context, ids []int) error {
	g, ctx := errgroup.WithContext(ctx)
	var cur *Order
	for _, id := range ids {
		cur = load(id)
		g.Go(func() error {
			return ship(*cur) // want `^goroutines started in this loop read cur while the loop writes it: a data race at any Go version, and a goroutine may see another iteration's value; copy cur into a variable declared inside the loop body and use that$`
		})
	}
	return g.Wait()
}

func outerReadGo(ids []int) {
	var cur *Order
	for _, id := range ids {
		cur = load(id)
		go func() {
			ship(*cur) // want `goroutines started in this loop read cur while the loop writes it: .*; pass cur as an argument$`
		}()
	}
}

// outerWrite: every goroutine assigns err.
func outerWrite(orders []Order) error {
	var wg sync.WaitGroup
	var err error
	for _, o := range orders {
		wg.Go(func() {
			err = ship(o) // want `goroutines started in this loop all assign err without holding a lock: a data race at any Go version .*errgroup`
		})
	}
	wg.Wait()
	return err
}

// ---- not reported ----

func copiedInside(ids []int) {
	for _, id := range ids {
		cur := load(id)
		go func() { ship(*cur) }()
	}
}

func readOnly(orders []Order, cfg *Order) {
	for _, o := range orders {
		go func() { use(cfg, o) }()
	}
}

func lockedWrite(orders []Order) error {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		err error
	)
	for _, o := range orders {
		wg.Go(func() {
			if e := ship(o); e != nil {
				mu.Lock()
				err = e
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return err
}

func perIterationErr(orders []Order) {
	var wg sync.WaitGroup
	for _, o := range orders {
		var err error
		wg.Go(func() { err = ship(o) })
		wg.Wait()
		use(err)
	}
}

// readWaitedInIteration: goroutines of an inner loop read cur, which the
// outer loop writes, and are waited for before the next write.
func readWaitedInIteration(ids []int) {
	var cur *Order
	for _, id := range ids {
		cur = load(id)
		wgs := make([]sync.WaitGroup, 2)
		for i := range wgs {
			wgs[i].Add(1)
			go func() {
				defer wgs[i].Done()
				ship(*cur)
			}()
		}
		for i := range wgs {
			wgs[i].Wait()
		}
	}
}

// readWaitedAfterLoop: the same goroutines waited only after the loop.
func readWaitedAfterLoop(ids []int) {
	var cur *Order
	var wg sync.WaitGroup
	for _, id := range ids {
		cur = load(id)
		for j := 0; j < 2; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ship(*cur) // want `goroutines started in this loop read cur while the loop writes it`
			}()
		}
	}
	wg.Wait()
}
