package a

import (
	"context"
	"errors"
	"time"
)

type result struct {
	v   int
	err error
}

func get(string) int { return 1 }

// The classic: the ctx.Done case returns and the sender blocks forever.
func fetch(ctx context.Context, url string) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- get(url) // want `this send blocks forever when fetch returns at line 26 without receiving from ch`
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// time.After, and a var declaration.
func withTimeout(url string) (int, error) {
	var ch = make(chan int)
	go func() {
		v := get(url)
		ch <- v // want `this send blocks forever when withTimeout returns`
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

// An early error return between the start and the receive.
func early(url string, check func() error) (int, error) {
	ch := make(chan int)
	go func() { ch <- get(url) }() // want `this send blocks forever when early returns at line 50`
	if err := check(); err != nil {
		return 0, err
	}
	return <-ch, nil
}

// The first answer wins; the other senders leak.
func first(urls []string) int {
	ch := make(chan int)
	for _, u := range urls {
		go func() {
			ch <- get(u) // want `this send runs once in each goroutine started by the loop at line 58, but first can return at line 63 before it has received from every one`
		}()
	}
	return <-ch
}

// A receive loop with the senders' trip count, left early.
func firstError(urls []string) error {
	ch := make(chan error)
	for _, u := range urls {
		go func() {
			get(u)
			ch <- nil // want `this send runs once in each goroutine started by the loop`
		}()
	}
	for range urls {
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

// A goroutine that does more after its send gets no fix: buffering would
// let cleanup run before the value is taken.
func afterSend(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		ch <- 1 // want `this send blocks forever when afterSend returns`
		cleanup()
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func cleanup() {}

// A method, a generic element type.
type client struct{}

func (c *client) do(ctx context.Context) error {
	done := make(chan error)
	go func() { done <- c.call() }() // want `this send blocks forever when do returns`
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *client) call() error { return nil }

func generic[T any](ctx context.Context, f func() T) (T, bool) {
	ch := make(chan T)
	go func() { ch <- f() }() // want `this send blocks forever when generic returns`
	select {
	case v := <-ch:
		return v, true
	case <-ctx.Done():
		var zero T
		return zero, false
	}
}

// ---- near misses: not reported ----

// Buffered: the send completes.
func buffered(ctx context.Context) int {
	ch := make(chan int, 1)
	go func() { ch <- get("") }()
	select {
	case r := <-ch:
		return r
	case <-ctx.Done():
		return 0
	}
}

// A buffer computed at run time, sized for every sender.
func sized(urls []string) int {
	ch := make(chan int, len(urls))
	for _, u := range urls {
		go func() { ch <- get(u) }()
	}
	return <-ch
}

// The sender selects on ctx.Done() too.
func senderSelects(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- get(""):
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r
	case <-ctx.Done():
		return 0
	}
}

// Every path receives.
func always(check func() error) (int, error) {
	ch := make(chan int)
	go func() { ch <- get("") }()
	err := check()
	v := <-ch
	return v, err
}

// Every sender is received from: the loop runs to the end.
func all(urls []string) int {
	ch := make(chan int)
	for _, u := range urls {
		go func() { ch <- get(u) }()
	}
	sum := 0
	for i := 0; i < len(urls); i++ {
		sum += <-ch
	}
	return sum
}

// Receive inside the start loop, once per sender.
func each(urls []string) int {
	ch := make(chan int)
	sum := 0
	for _, u := range urls {
		go func() { ch <- get(u) }()
		sum += <-ch
	}
	return sum
}

// The early return comes before the goroutine starts.
func before(check func() error) (int, error) {
	if err := check(); err != nil {
		return 0, err
	}
	ch := make(chan int)
	go func() { ch <- get("") }()
	return <-ch, nil
}

// Paths that panic are no ways out.
func panics(ok bool) int {
	ch := make(chan int)
	go func() { ch <- get("") }()
	if !ok {
		panic("bad")
	}
	return <-ch
}

// The channel escapes: someone else may receive.
func escapes(ctx context.Context) chan int {
	ch := make(chan int)
	go func() { ch <- get("") }()
	return ch
}

func handsOn(ctx context.Context, drain func(chan int)) {
	ch := make(chan int)
	go func() { ch <- get("") }()
	drain(ch)
}

// Ranged over: the function drains it.
func ranged(urls []string) {
	ch := make(chan int)
	go func() {
		ch <- get("")
		close(ch)
	}()
	for range ch {
	}
}

// Two sends in one goroutine: not counted.
func twoSends(ctx context.Context, fail bool) error {
	ch := make(chan error)
	go func() {
		if fail {
			ch <- errors.New("x")
			return
		}
		ch <- nil
	}()
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A deferred receive runs on every path.
func deferred(check func() error) error {
	ch := make(chan int)
	go func() { ch <- get("") }()
	defer func() { <-ch }()
	return check()
}

// A receive loop that is not counted against the senders.
func countdown(ctx context.Context, urls []string) int {
	ch := make(chan int)
	for _, u := range urls {
		go func() { ch <- get(u) }()
	}
	n, sum := len(urls), 0
	for n > 0 {
		sum += <-ch
		n--
	}
	return sum
}

// The function sends itself: not a sender goroutine.
func selfSend(ctx context.Context) {
	ch := make(chan int)
	go func() { <-ch }()
	ch <- 1
}

// errgroup-style starts through WaitGroup.Go are waited for, and a
// literal started by another literal is not counted.
func nested(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		go func() { ch <- 1 }()
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Falling off the end is a way out too.
func fallsOff(ctx context.Context, out *int) {
	ch := make(chan int)
	go func() { ch <- get("") }() // want `this send blocks forever when fallsOff returns at line 317`
	select {
	case v := <-ch:
		*out = v
	case <-ctx.Done():
	}
}

// Each case receives the other channel too (fasthttp's pipeline worker):
// a select without default has no way past its cases.
func both() error {
	doneW := make(chan error)
	go func() { doneW <- nil }()
	doneR := make(chan error)
	go func() { doneR <- nil }()
	var err error
	select {
	case err = <-doneW:
		<-doneR
	case err = <-doneR:
		<-doneW
	}
	return err
}

// select {} never returns.
func forever() {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {}
}
