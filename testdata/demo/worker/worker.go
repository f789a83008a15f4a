// Package worker charges pending orders in parallel.
package worker

import (
	"context"
	"sync"
)

// Order is an order waiting to be charged.
type Order struct {
	ID    string
	Total float64
}

// Store holds the pending orders.
type Store interface {
	Next(ctx context.Context) (*Order, error)
	Charge(ctx context.Context, o *Order) error
}

// Drain charges every pending order, one goroutine per order.
func Drain(ctx context.Context, s Store) error {
	var (
		wg  sync.WaitGroup
		cur *Order
		err error
	)
	for {
		cur, err = s.Next(ctx)
		if err != nil || cur == nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// loopcapture: cur is shared with the loop, which overwrites
			// it for the next order, and every goroutine writes err.
			if cerr := s.Charge(ctx, cur); cerr != nil {
				err = cerr
			}
		}()
	}
	wg.Wait()
	return err
}
