// Package down uses the startsRoot facts of package up through ctxroots's
// Result, and asks it how new root contexts are used.
package down

import (
	"context"

	r "ctxroots/up"
)

func Calls(ctx context.Context) {
	_ = r.Fetch("k") // want `startsRoot Fetch Background`
	_ = r.Todo()     // want `startsRoot Todo TODO`
	_ = r.Derived()  // want `startsRoot Derived Background`
	r.InGoroutine()
	_ = r.Explained()
	r.Logs()
	r.Quiet()
	_ = r.Close()
	_ = r.WithCtx(ctx)
	_ = r.Gen(1) // want `startsRoot Gen Background`
	var t r.T
	_ = t.Method() // want `startsRoot Method Background`
	m := t.Method
	_ = m()     // a method value: its callee is unknown
	_ = local() // want `startsRoot local Background here`
}

func local() error { return r.Do(context.Background()) } // want `use: sync`

func Uses(ctx context.Context) {
	go r.Do(context.Background())      // want `use: goroutine`
	defer r.Do(context.Background())   // want `use: detached`
	r.LogInfo(context.TODO(), "x")     // want `use: minor`
	_ = closeAll(context.Background()) // want `use: detached`
	c2 := context.Background()         // want `use: sync`
	_ = r.Do(c2)
	// The work outlives the request on purpose.
	_ = r.Do(context.Background()) // want `use: sync explained`
	if ctx == nil {
		ctx = context.Background() // want `use: sync nilguard`
	}
	_ = r.Do(ctx)
}

func closeAll(ctx context.Context) error { return ctx.Err() }
