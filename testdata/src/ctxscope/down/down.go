// Package down uses the facts of package up through ctxscope's Result.
package down

import (
	"context"
	"net/http"
	"os"

	u "ctxscope/up"
)

func probe() {}

func Direct(ctx context.Context) {
	u.Honors(ctx)    // want `honors up.Honors`
	u.Via(ctx)       // want `honors up.Via`
	u.Ignores(ctx)   // not honouring
	u.Logs(ctx, "x") // only logs
	u.Old(ctx)       // not honouring
	u.Wait(ctx, 1)   // want `honors up.Wait`
	u.NewStore(ctx)  // want `honors up.NewStore`
	f := u.Honors    // a function value: its callee is unknown
	f(ctx)           // not known to honour
	probe()          // want `scope: ctx sync`
	go func() {
		probe() // want `scope: ctx goroutine`
	}()
	defer probe() // want `scope: none detached`
	var c u.Client
	c.GetContext(ctx, "k") // want `deprecated GetContext`
	c.PutContext(ctx, "k") // not deprecated
	var g u.Getter
	_ = g.FetchCtx(ctx)     // want `deprecated FetchCtx`
	_ = g.FetchContext(ctx) // not deprecated, and an interface method: not known to honour
	select {
	case <-ctx.Done():
		probe() // want `scope: none detached`
	default:
	}
}

func Shadowed(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	probe() // want `scope: ctx sync`
}

func Handler(w http.ResponseWriter, r *http.Request) {
	probe() // want `scope: r.Context\(\) sync`
	ctx := r.Context()
	probe() // want `scope: ctx sync`
	_ = ctx
}

func Unused(_ context.Context) {
	probe() // want `scope: none sync`
}

func NoContext() {
	probe() // want `scope: none sync`
}

func init() {
	probe() // want `scope: none detached`
}

// After a select whose Done case never returns, the context is live again:
// the case ends the process (os.Exit), it does not fall through.
func AfterExitOnDone(ctx context.Context, ch chan int) {
	select {
	case <-ctx.Done():
		os.Exit(1)
	case <-ch:
	}
	probe() // want `scope: ctx sync`
}

// A Done case that falls through leaves the code after it detached.
func AfterFallThrough(ctx context.Context, ch chan int) {
	select {
	case <-ctx.Done():
		println("cancelled")
	case <-ch:
	}
	probe() // want `scope: none detached`
}
