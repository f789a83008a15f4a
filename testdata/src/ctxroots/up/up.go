// Package up declares functions whose startsRoot facts package down uses.
package up

import (
	"context"
	"time"
)

// Do honours its context.
func Do(ctx context.Context) error { return ctx.Err() }

// LogInfo logs.
func LogInfo(ctx context.Context, msg string) {}

// Fetch starts a root context and hands it on.
func Fetch(key string) error { // want Fetch:"startsRoot"
	return Do(context.Background())
}

// Todo starts one through a variable.
func Todo() error { // want Todo:"startsRoot"
	ctx := context.TODO()
	return Do(ctx)
}

// Derived hands on a context derived from a new root.
func Derived() error { // want Derived:"startsRoot"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return Do(ctx)
}

// InGoroutine detaches work on purpose.
func InGoroutine() { go Do(context.Background()) }

// Explained says why it detaches.
func Explained() error {
	// The work must outlive the caller: detach on purpose.
	return Do(context.Background())
}

// Logs only logs with the new root: no fact.
func Logs() { LogInfo(context.Background(), "x") }

// Quiet hands it to a function that ignores its context: no fact.
func Quiet() { ignore(context.Background()) }

func ignore(ctx context.Context) {}

// Close hands it to cleanup: no fact.
func Close() error { return closeIt(context.Background()) }

func closeIt(ctx context.Context) error { return ctx.Err() }

// WithCtx has a context parameter: no fact.
func WithCtx(ctx context.Context) error { return Do(context.Background()) }

// Gen is generic.
func Gen[T any](v T) error { return Do(context.Background()) } // want Gen:"startsRoot"

// T has a method that starts a root context.
type T struct{}

// Method starts a root context.
func (T) Method() error { return Do(context.Background()) } // want Method:"startsRoot"

// Stored keeps the root for later: no fact.
var stored context.Context

// Keep stores a root context in a package variable.
func Keep() { stored = context.Background() }

// Bounded gives the new root its own timeout: a bounded local
// operation, no fact.
func Bounded() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return Do(ctx)
}

// BoundedDeadline does the same with a deadline, through a value: no fact.
func BoundedDeadline() error {
	ctx, cancel := context.WithDeadline(context.WithValue(context.TODO(), key{}, 1), time.Now())
	defer cancel()
	return Do(ctx)
}

type key struct{}

// flushDetached exists to detach; its name says so: no fact.
func flushDetached() error { return Do(context.Background()) }

// bgPing is named for the background: no fact.
func bgPing() error { return Do(context.Background()) }

// RefreshAll starts its work in the background on purpose (its doc says so):
// no fact.
func RefreshAll() error { return Do(context.Background()) }

// Near miss: cancellable but unbounded, and a name that only contains
// "bg" inside a word: facts.
func Unbounded() error { // want Unbounded:"startsRoot"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return Do(ctx)
}

func bgpSync() error { return Do(context.Background()) } // want bgpSync:"startsRoot"

// Stop and DrainQueue stop work: a fresh context is the point. No facts.
func (T) Stop() error { return Do(context.Background()) }

func DrainQueue() error { return Do(context.Background()) }

// Near miss: Stopwatch is not a stop verb followed by a new word.
func Stopwatch() error { return Do(context.Background()) } // want Stopwatch:"startsRoot"
