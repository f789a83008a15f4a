package usesender

import (
	"context"

	s "chanleak/sender"
)

func viaWorker(ctx context.Context) int {
	ch := make(chan int)
	go s.Send(ch, 1) // want `Send's send on ch blocks forever when viaWorker returns`
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func viaWorkerLoop(vs []int) int {
	ch := make(chan int)
	for _, v := range vs {
		go s.SendThenLog(v, ch) // want `SendThenLog's send on ch runs once in each goroutine started by the loop`
	}
	return <-ch
}

// Near misses: workers without the fact.
func viaSendAll(ctx context.Context) int {
	ch := make(chan int)
	go s.SendAll(ch, []int{1, 2})
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func viaSelecting(ctx context.Context) int {
	ch := make(chan int)
	go s.SendOrQuit(ch, ctx.Done())
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// A same-package worker, called as a method value's method.
type pool struct{}

func (p *pool) work(out chan<- error) { // want work:`sends\(0 last\)`
	out <- nil
}

func (p *pool) run(ctx context.Context) error {
	errc := make(chan error)
	go p.work(errc) // want `work's send on errc blocks forever when run returns`
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
