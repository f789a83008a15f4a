// Package lib declares functions with context variants and functions that
// start their own root context, for package use.
package lib

import (
	"context"
	"time"
)

// Client is a user's client with context variants.
type Client struct{}

// Fetch is the old API; it calls its own variant with a new root context:
// the wrapper itself is not reported.
func (c *Client) Fetch(key string) (string, error) { // want Fetch:"startsRoot"
	return c.FetchContext(context.Background(), key)
}

// FetchContext is the variant.
func (c *Client) FetchContext(ctx context.Context, key string) (string, error) { // want FetchContext:"honorsCtx"
	return key, ctx.Err()
}

// Get has a deprecated variant, never suggested.
func (c *Client) Get(key string) string { return key }

// GetContext is the old variant.
//
// Deprecated: use Load.
func (c *Client) GetContext(ctx context.Context, key string) string { return key } // want GetContext:"deprecated"

// Put has a variant whose context is not the first parameter: no variant.
func (c *Client) Put(key string) {}

// PutContext takes its context second.
func (c *Client) PutContext(key string, ctx context.Context) {}

// Del has a variant with other results: no variant.
func (c *Client) Del(key string) {}

// DelContext returns an error that Del does not.
func (c *Client) DelContext(ctx context.Context, key string) error { return nil }

// Send has a variant named SendWithContext.
func Send(msg string, tags ...string) error { return nil }

// SendWithContext is the variant of Send.
func SendWithContext(ctx context.Context, msg string, tags ...string) error { return nil }

// Ping has a variant named PingCtx.
func Ping() {}

// PingCtx is the variant of Ping.
func PingCtx(ctx context.Context) {}

// Map is generic, with a generic variant.
func Map[T any](xs []T) []T { return xs }

// MapContext is the variant of Map.
func MapContext[T any](ctx context.Context, xs []T) []T { return xs }

// unexported has an unexported variant: usable only in this package.
func unexported() {}

func unexportedContext(ctx context.Context) {}

// Refresh starts a new root context for the work it does, bounded by its
// own timeout: a local operation, no fact.
func Refresh(id int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return load(ctx, id)
}

// Reload starts a new root context for the work it does, with no bound.
func Reload(id int) error { // want Reload:"startsRoot"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return load(ctx, id)
}

// loadDetached is a helper that exists to detach: no fact.
func loadDetached(id int) error { return load(context.Background(), id) }

// Warm fills the cache in the background: the caller may give up, the
// cache must still be filled. No fact.
func Warm() { _ = load(context.Background(), 0) }

// Cached calls the detaching helper: it has no context itself either.
func Cached(id int) error { return loadDetached(id) }

// Todo does the same with context.TODO.
func Todo() { // want Todo:"startsRoot"
	_ = load(context.TODO(), 1)
}

// StartWorker starts a long-lived worker: detached on purpose, no fact.
func StartWorker() {
	go func() { _ = load(context.Background(), 0) }()
	go worker(context.Background())
}

// Close cleans up with a fresh context, on purpose: no fact.
func Close() {
	_ = closeConn(context.Background())
}

// NewPool keeps its context for the lifetime of the pool: no fact.
func NewPool() *Pool {
	p := &Pool{}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	return p
}

// Refreshed takes a context: no fact, whatever it does inside.
func Refreshed(ctx context.Context) error {
	return load(context.Background(), 1) // want `context.Background\(\) starts a new root context while ctx is in scope`
}

// Derive only derives and returns: no fact.
func Derive() context.Context {
	return context.WithValue(context.Background(), key{}, 1)
}

// Pool is a long-lived worker pool.
type Pool struct {
	ctx    context.Context
	cancel context.CancelFunc
}

type key struct{}

func load(ctx context.Context, id int) error { return ctx.Err() }
func worker(ctx context.Context)             {}
func closeConn(ctx context.Context) error    { return nil }
func use(ctx context.Context)                { unexported() } // want `lib.unexported drops ctx`

// Logs only logs with a new root context: no fact.
func Logs() {
	logger.Printf(context.Background(), "x")
}

// Metrics hands a new root context to a callback: no fact.
func Metrics() {
	if cb := hook; cb != nil {
		cb(context.Background(), 1)
	}
}

// Defaulted defaults a nil context: no fact.
func Defaulted(ctx0 any) {
	var ctx context.Context
	if ctx == nil {
		ctx = context.Background()
	}
	_ = load(ctx, 1)
}

var hook func(context.Context, int)

var logger *ctxLogger

type ctxLogger struct{}

func (*ctxLogger) Printf(ctx context.Context, format string, args ...any) {}

// Track keeps its record in memory; its context only feeds a log line.
func Track(ctx context.Context, id int) { logger.Printf(ctx, "track %d", id) }

// Tracked hands a new root context to Track, which ignores it: no fact.
func Tracked() { Track(context.Background(), 1) }

// Store is implemented elsewhere.
type Store interface {
	Save(ctx context.Context, v int) error
}

var store Store

// Saved hands a new root context to an interface method, whose
// implementations are unknown: no fact.
func Saved() { _ = store.Save(context.Background(), 1) }

// Querier has a variant in its method set.
type Querier interface {
	Query(q string) error
	QueryContext(ctx context.Context, q string) error
}

// Repo is generic, with a variant method.
type Repo[T any] struct{}

// Load has a variant.
func (r *Repo[T]) Load(id int) T { var z T; return z }

// LoadContext is the variant of Load.
func (r *Repo[T]) LoadContext(ctx context.Context, id int) T { var z T; return z }

// Req carries its context, like an *http.Request.
type Req struct{ ctx context.Context }

// NewReq keeps the context in the request it builds: it reacts to it.
func NewReq(ctx context.Context) *Req { return &Req{ctx: ctx} } // want NewReq:"honorsCtx"

// Sends builds its request with a new root context.
func Sends() *Req { return NewReq(context.Background()) } // want Sends:"startsRoot"

// StopAll stops the workers with a fresh context, on purpose: no fact.
func StopAll() { _ = load(context.Background(), 0) }
