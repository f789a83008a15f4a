// Package lib is a library checked with the default -errwrap.causes=context:
// only lost context errors are reported.
package lib

import (
	"context"
	stdctx "context"
	"errors"
	"fmt"
	"log"
	"os"
)

// ---- context errors: reported ----

func direct(ctx context.Context) error {
	<-ctx.Done()
	return fmt.Errorf("wait: %v", ctx.Err()) // want `fmt.Errorf formats the error ctx.Err\(\) with %v.*hides the context error from ctx.Err\(\) from errors.Is.*cannot tell a deadline from a cancellation and errors.Is\(err, context.DeadlineExceeded\) is false`
}

func checked(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("stopped: %s", err) // want `formats the error err with %s.*the context error from ctx.Err\(\)`
	}
	return nil
}

// Both operands in one finding, at the first directive.
func both(ctx context.Context, last error) error {
	return fmt.Errorf("%v: %v", ctx.Err(), last) // want `formats the errors ctx.Err\(\) and last with %v instead of wrapping them: the returned error hides the context error from ctx.Err\(\)`
}

func waitReady(ctx context.Context, ready <-chan struct{}) error {
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func viaHelper(ctx context.Context, ready <-chan struct{}) error {
	if err := waitReady(ctx, ready); err != nil {
		return fmt.Errorf("not ready: %v", err) // want `the context error from ctx.Err\(\) \(returned by lib.waitReady\)`
	}
	return nil
}

func poll(ctx context.Context) error { return fmt.Errorf("poll: %w", stdctx.Cause(ctx)) }

func viaWrappingHelper(ctx context.Context) error {
	if err := poll(ctx); err != nil {
		return fmt.Errorf("poll failed: %s", err.Error()) // want `the text of the error err.*the context error from stdctx.Cause\(\) \(returned by lib.poll\)`
	}
	return nil
}

func deadline() error {
	return fmt.Errorf("gave up: %v", context.DeadlineExceeded) // want `hides the context error context.DeadlineExceeded`
}

func rebuilt(ctx context.Context) error {
	return errors.New("aborted: " + ctx.Err().Error()) // want `errors.New builds a new error from the text of ctx.Err\(\): the context error from ctx.Err\(\) is lost.*cannot tell a deadline from a cancellation`
}

// job gets Err from its embedded context.
type job struct{ context.Context }

func (j job) run() error {
	return fmt.Errorf("job: %v", j.Err()) // want `the context error from j.Err\(\)`
}

// TimeoutError holds ctx.Err() without Unwrap.
type TimeoutError struct { // want `error type TimeoutError holds its cause in field Err but has no Unwrap method.*the context error from ctx.Err\(\).*cannot tell a deadline from a cancellation`
	Op  string
	Err error
}

func (e *TimeoutError) Error() string { return e.Op + ": " + e.Err.Error() }

func await(ctx context.Context, op string, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return &TimeoutError{Op: op, Err: ctx.Err()}
	}
}

// ---- near misses: not context errors, or not returned ----

var ErrClosed = errors.New("closed")

func sentinel() error {
	return fmt.Errorf("state: %v", ErrClosed) // a sentinel: only under -errwrap.causes=tested
}

func open(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("open: %v", err) // an os error: only under -errwrap.causes=tested
	}
	return f.Close()
}

func logged(ctx context.Context) {
	if err := ctx.Err(); err != nil {
		log.Print(fmt.Errorf("cancelled: %v", err)) // only logged
	}
}

func loggedVar(ctx context.Context) {
	err := fmt.Errorf("cancelled: %v", ctx.Err())
	log.Print(err) // only logged: the built error reaches no caller
}

// lease has an Err method but is no context.
type lease struct{ err error }

func (l *lease) Err() error { return l.err }

func expired(l *lease) error {
	return fmt.Errorf("lease: %v", l.Err())
}

// OpError holds what callers pass in: only under -errwrap.causes=tested.
type OpError struct {
	Op  string
	Err error
}

func (e *OpError) Error() string { return e.Op + ": " + e.Err.Error() }

func NewOpError(op string, err error) error { return &OpError{op, err} }

// PathError holds os errors: only under -errwrap.causes=tested.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Path + ": " + e.Err.Error() }

func stat(p string) error {
	if _, err := os.Stat(p); err != nil {
		return &PathError{p, err}
	}
	return nil
}
