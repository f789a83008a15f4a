// Package errgroup is a stub of golang.org/x/sync/errgroup for the tests
// of loopcapture: only the API matters.
package errgroup

import (
	"context"
	"sync"
)

// A Group is a collection of goroutines working on subtasks.
type Group struct {
	wg  sync.WaitGroup
	err error
}

// WithContext returns a new Group and an associated Context.
func WithContext(ctx context.Context) (*Group, context.Context) { return &Group{}, ctx }

// Go calls f in a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		_ = f()
	}()
}

// TryGo calls f in a new goroutine if the limit allows.
func (g *Group) TryGo(f func() error) bool { g.Go(f); return true }

// SetLimit limits the number of active goroutines.
func (g *Group) SetLimit(n int) {}

// Wait blocks until all function calls from Go have returned.
func (g *Group) Wait() error { g.wg.Wait(); return g.err }
