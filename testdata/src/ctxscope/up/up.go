// Package up declares functions whose facts package down uses.
package up

import "context"

// Honors waits on its context.
func Honors(ctx context.Context) error { // want Honors:"honorsCtx"
	<-ctx.Done()
	return ctx.Err()
}

// Via hands its context to an unexported function that honours it.
func Via(ctx context.Context) error { return honors(ctx) } // want Via:"honorsCtx"

// honors honours its context but, unexported, gets no fact.
func honors(ctx context.Context) error { return ctx.Err() }

// Logs only logs with its context: that is not honouring it.
func Logs(ctx context.Context, msg string) { LogInfo(ctx, msg) }

// LogInfo logs.
func LogInfo(ctx context.Context, msg string) {}

// Ignores does nothing with its context.
func Ignores(ctx context.Context) {}

// Store keeps a context for later.
type Store struct{ ctx context.Context }

// NewStore stores its context in what it builds.
func NewStore(ctx context.Context) *Store { return &Store{ctx: ctx} } // want NewStore:"honorsCtx"

// Wait is generic and honours its context.
func Wait[T any](ctx context.Context, v T) T { // want Wait:"honorsCtx"
	<-ctx.Done()
	return v
}

// Client has context variants.
type Client struct{}

// Get gets.
func (Client) Get(key string) string { return key }

// GetContext gets with a context.
//
// Deprecated: use Get.
func (Client) GetContext(ctx context.Context, key string) string { return key } // want GetContext:"deprecated"

// Put puts.
func (Client) Put(key string) {}

// PutContext is a variant that is not deprecated.
func (Client) PutContext(ctx context.Context, key string) {}

// Old is deprecated but not named as a variant: no fact.
//
// Deprecated: use Honors.
func Old(ctx context.Context) {}

// Getter has a deprecated variant method.
type Getter interface {
	// FetchCtx fetches.
	//
	// Deprecated: use FetchContext.
	FetchCtx(ctx context.Context) error // want FetchCtx:"deprecated"
	FetchContext(ctx context.Context) error
}
