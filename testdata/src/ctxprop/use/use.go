// Package use calls package lib with a context in scope.
package use

import (
	"context"
	"net/http"

	"ctxprop/lib"
	l2 "ctxprop/lib"
)

func handler(ctx context.Context, c *lib.Client) {
	c.Fetch("k")                // want `\(\*lib.Client\).Fetch drops ctx: the work is not cancelled when the request is, ignores its deadline and leaves its trace; call FetchContext\(ctx, ...\) instead`
	c.Get("k")                  // deprecated variant: not suggested
	c.Put("k")                  // context not first: not a variant
	c.Del("k")                  // other results: not a variant
	_ = lib.Send("m", "a", "b") // want `lib.Send drops ctx.*call SendWithContext\(ctx, ...\)`
	l2.Ping()                   // want `lib.Ping drops ctx.*call PingCtx`
	_ = lib.Map([]int{1})       // want `lib.Map drops ctx.*call MapContext`
	_ = lib.Map[string](nil)    // want `lib.Map drops ctx`

	_ = lib.Reload(1)  // want `lib.Reload starts a new root context \(context.Background\) instead of taking one: called here, where ctx is in scope, .*give Reload a ctx parameter \(or call an API that takes one\) and pass ctx`
	_ = lib.Refresh(1) // bounded by its own timeout
	lib.Warm()         // its doc says it detaches
	_ = lib.Cached(1)  // one hop further: callers of a detaching helper are not marked
	lib.StopAll()      // named for stopping: detaches on purpose
	reload := lib.Reload
	_ = reload(1) // a function value: not followed
	lib.Todo()    // want `lib.Todo starts a new root context \(context.TODO\)`
	lib.StartWorker()
	lib.Close()
	_ = lib.NewPool()
	_ = lib.Refreshed(ctx)
	_ = lib.Derive()
	lib.Logs()
	lib.Metrics()
	lib.Defaulted(nil)
	lib.Tracked()
}

// Embedded: the variant is found through the embedded field.
type wrapped struct{ *lib.Client }

func embedded(ctx context.Context, w wrapped) {
	_, _ = w.Fetch("k") // want `\(\*lib.Client\).Fetch drops ctx`
}

func serve(w http.ResponseWriter, r *http.Request) {
	c := &lib.Client{}
	c.Fetch("k")       // want `call FetchContext\(r.Context\(\), ...\)`
	_ = l2.Reload(2)   // want `give Reload a ctx parameter \(or call an API that takes one\) and pass r.Context\(\)`
	_ = lib.Refresh(2) // bounded by its own timeout
}

// No context in scope: nothing to propagate.
func noCtx(c *lib.Client) {
	c.Fetch("k")
	_ = lib.Refresh(1)
}

// A context parameter named _ is ignored on purpose.
func ignored(_ context.Context, c *lib.Client) {
	c.Fetch("k")
	_ = lib.Refresh(1)
}

func more(ctx context.Context, q lib.Querier, r *lib.Repo[string]) {
	_ = q.Query("x") // want `lib.Querier.Query drops ctx.*QueryContext`
	_ = r.Load(1)    // want `\(\*lib.Repo\).Load drops ctx.*LoadContext`
	lib.Saved()
	_ = lib.Sends() // want `lib.Sends starts a new root context`
	run := func() {
		_ = q.QueryContext(context.TODO(), "y") // want `context.TODO\(\) starts a new root context while ctx is in scope`
	}
	run()
}
