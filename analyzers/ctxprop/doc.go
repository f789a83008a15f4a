// Package ctxprop defines an Analyzer that reports calls that drop the
// context a function has in scope.
//
// # Analyzer ctxprop
//
// ctxprop: report calls that drop the request context in scope
//
// A request's context carries its deadline, its cancellation and its trace
// (and values such as the caller's identity). When a function that has one
// calls something without it, the work outlives the request: a query keeps
// a database connection busy after the client hung up, a retry loop keeps
// going past the deadline, cancellation stops at that call, and the trace
// (and the log lines that carry its ID) breaks there. Under load, work that
// nobody waits for any more piles up: connection pools run dry and latency
// climbs for everyone.
//
// A context is in scope in a function that has a context.Context parameter
// or an *http.Request parameter (its Context()), or a local variable
// derived from one of those (ctx := r.Context(), ctx, cancel :=
// context.WithTimeout(ctx, d)); and in a function literal that captures
// one and runs while the function runs (called at once, assigned to a local
// variable, or passed as a callback). With a context in scope the analyzer
// reports:
//   - a call of X(args) when a context variant of X exists: XContext,
//     XWithContext or XCtx, declared next to X (a function of the same
//     package, or a method of the receiver's type, including methods
//     promoted from embedded fields and pointer receivers), that takes a
//     context first and otherwise exactly X's parameters and results. This
//     covers the standard library ((*sql.DB).Query and QueryContext,
//     http.NewRequest and NewRequestWithContext, exec.Command and
//     CommandContext, slog.Info and InfoContext, (*net.Dialer).Dial and
//     DialContext, (*tls.Conn).Handshake and HandshakeContext), third-party
//     modules and the package's own code alike (category ctx-variant).
//     Standard-library calls whose equivalent has another name or shape
//     are one table, matched by symbol, without a fix: net.Dial and
//     DialTimeout ((&net.Dialer{}).DialContext), tls.Dial and
//     DialWithDialer (tls.Dialer.DialContext), http.Get, Head, Post and
//     PostForm and those methods of *http.Client (http.NewRequestWithContext
//     and Do), and net.LookupHost, LookupIP, LookupAddr, LookupCNAME,
//     LookupMX, LookupNS, LookupPort, LookupSRV and LookupTXT (the methods
//     of net.DefaultResolver);
//     Logging calls (slog.Info where InfoContext exists) only with
//     -ctxprop.log (see Options);
//   - context.Background() and context.TODO(), unless the detachment is
//     deliberate (see below) (category new-root-context). Handed to a
//     logger, only with -ctxprop.log. Handed to a goroutine
//     (go f(context.Background()), or inside go func(){...}), where
//     detaching may be the point, the message suggests
//     context.WithoutCancel(ctx), which drops the cancellation but keeps
//     the values and the trace; only in files compiled with Go 1.21 or
//     later, which added it;
//   - a call of a function that has no context parameter and itself starts
//     a new root context with context.Background() or TODO() and passes it
//     to work that reacts to a context, in this package or another (an
//     analysis fact marks such functions, like tls.DialWithDialer in the
//     standard library): the work it does ignores the caller's context
//     (category root-context-callee). Work reacts to a context when the
//     function it is handed to waits on Done, checks Err or Deadline,
//     stores the context in what it builds (http.NewRequestWithContext,
//     exec.CommandContext) or hands it on to a function that does; a
//     second fact carries this across packages.
//
// Functions are matched by their types, so renamed and dot imports,
// aliases of context.Context, methods promoted through embedded fields,
// interface methods, and generic functions and types (the variant is
// instantiated with the same type arguments) all work.
//
// # Example
//
//	func (s *OrderService) Get(w http.ResponseWriter, r *http.Request) {
//		row := s.db.QueryRow("SELECT ... WHERE id = $1", id)
//		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
//		defer cancel()
//		stock, err := s.inventory.Check(ctx, id)
//		...
//	}
//
// Fixed:
//
//	func (s *OrderService) Get(w http.ResponseWriter, r *http.Request) {
//		row := s.db.QueryRowContext(r.Context(), "SELECT ... WHERE id = $1", id)
//		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
//		defer cancel()
//		stock, err := s.inventory.Check(ctx, id)
//		...
//	}
//
// # Suggested fixes
//
// A call of X becomes a call of its variant with the context in scope as
// the first argument: the parameter's name, a local context derived from
// it, or r.Context(). The qualifier of a renamed import stays; there is no
// fix when the variant needs a pointer receiver the value cannot give (a
// call on a function's result), or when an unqualified name would not
// resolve to the variant. context.Background() and TODO() become the
// context in scope, and context.WithoutCancel(ctx) in a goroutine.
//
// # Options
//
// ctxprop is opt-in: it runs only when enabled by name (prodvet -enable
// default,ctxprop; settings.enable in golangci-lint; -ctxprop under go vet).
// On the bench corpus of 29 modules 15 of its 99 findings (15%) were a true
// bug or a real risk: most new root contexts fed long-lived objects,
// listeners, workers and CLI commands that must outlive the request, and
// most callees that start their own context had no variant to call.
//
//	-ctxprop.log=false
//	    also report the logging rule: a log call of X where XContext
//	    exists (slog.Info and InfoContext), and a new root context handed
//	    to a logger; the message says that the entry loses the request's
//	    trace and values. Off by default: on a blind run over real modules,
//	    none of its 104 findings (0 of 104) was wanted, as the modules'
//	    log handlers ignored the context. Turn it on where the handler
//	    reads trace IDs or values from the context.
//
// # Not reported
//
//   - Functions with no context in scope: not having one is not a
//     propagation bug. Likewise a context parameter named _ (ignored on
//     purpose, also by the function literals inside), main, init, and
//     files whose names end in _test.go, packages whose non-test files
//     import testing and packages with a path element testutil, testutils,
//     testhelper or testhelpers: tests and fakes serve no request.
//   - Deliberate detachment. contextcheck's reports, in one public project,
//     were 41 times out of 43 code that detached on purpose, and its issue
//     tracker lists graceful shutdown and cleanup among its false alarms.
//     So a new root context, and a call of X instead of its variant, are
//     left alone in a deferred call or deferred function; after the
//     function waited for the context's end (<-ctx.Done(), a select case
//     on it) or in the branch that handles it (if ctx.Err() != nil, a
//     check for context.Canceled or DeadlineExceeded), where the request's
//     context is already done; and when a comment on the line or the three
//     lines above explains the choice (it mentions cancellation,
//     detaching, outliving, shutdown, "background"). A new root context is
//     also left alone when it is stored for a long-lived worker (a struct
//     field, a composite literal, a package variable), returned, sent on a
//     channel, assigned to the context itself when it is nil (if ctx ==
//     nil { ctx = context.Background() }), or handed to a cleanup call
//     whose name starts with Close, Shutdown, Stop, Rollback, Abort,
//     Release, Unlock, Cleanup, Cancel, Disconnect, Unsubscribe,
//     Unregister, Deregister, Teardown or Terminate, which must run even
//     when the request is gone.
//   - Shutdown and exit paths: a new root context, a call of X instead of
//     its variant, and a call of a function that starts its own root
//     context, in a function whose name says it stops (its first word, or
//     the first after graceful, on, handle, do and the like, is shutdown,
//     stop, close, drain, terminate, teardown, cleanup, halt, quit or
//     exit: Shutdown, GracefulStop, drainConns, onClose), in a function
//     literal bound to such a name or handed to a shutdown hook (a callee
//     with one of those words in its name, as (*http.Server).RegisterOnShutdown),
//     or after an OS signal was received (a receive from a chan os.Signal
//     earlier in an enclosing block, a select case or a range on one).
//     The request's context is about to be, or already is, cancelled
//     there; handing it on would cut the shutdown short. Where a
//     function's name has a cleanup word elsewhere (releaseLocks,
//     waitAndStop, flushOnExit), the finding stands but has no fix: the
//     analyzer cannot tell whether it runs after the request.
//   - Calls of X inside a goroutine: the goroutine either does the work on
//     purpose beyond the request or is the common hand-made cancellation
//     (run X in a goroutine, select on its result and ctx.Done()). Also
//     calls inside a function literal that is stored or returned to run
//     later (time.AfterFunc callbacks count as goroutines), and in a
//     new root context's log lines inside a goroutine.
//   - Before Go 1.21 (go.mod or //go:build), new root contexts handed to
//     goroutines: there was no context.WithoutCancel.
//   - Wait and WaitContext: a WaitContext abandons only the wait, not the
//     work, and code that waits often needs the work finished (to reuse
//     its buffers, as go-redis's pipeliner does).
//   - Variants that are deprecated (their doc comment has a "Deprecated:"
//     paragraph; grpc.DialContext), that take the context in another
//     position, that differ in any other parameter or result (nats'
//     RequestWithContext has no timeout parameter), or that X already is
//     (X takes a context somewhere). A call inside a function named like
//     the variant (XContext implemented with X) is not reported, nor a
//     request built by http.NewRequest and then given a context
//     (req.WithContext(ctx), req.Clone(ctx), or passed with a context to a
//     function that attaches it, as in do(ctx, req)); likewise a request
//     stored in a field or package variable (s.req, _ = http.NewRequest(...),
//     directly, through a local, or in a composite literal) that the
//     package's code gives a context where it uses it
//     (c.Do(s.req.WithContext(ctx))) and never hands on bare (c.Do(s.req)).
//     Method expressions ((*sql.DB).Query
//     (db, q)) and calls of function values are not followed.
//   - For the root-context fact: a function whose new root context is only
//     logged, handed to a callback (a metrics hook), to an interface method
//     (its implementations are unknown: some only track state in memory),
//     to a function that ignores it, defaulted for a nil context, stored,
//     handed to a goroutine or to cleanup: calling it drops nothing the
//     caller could have passed. Nor a function that bounds the work
//     itself, giving the new root context its own deadline before handing
//     it on (context.WithTimeout(context.Background(), d), WithDeadline):
//     a bounded local operation, which the caller's context would change
//     little. Nor a helper that says it detaches: its name contains
//     detach, background, independent, outlive, nocancel, uncancel or
//     withoutcancel, or starts with bg (newDetachedCtx, bgFlush), or its
//     doc comment says it detaches, outlives or survives the caller, is
//     independent of or not tied to it, or runs in the background. The
//     rule: the callee states or bounds its detachment, so calling it is
//     a choice, not a lost context. Likewise a function named for
//     stopping or cleanup (Stop, StopAll, Close, Shutdown, Drain,
//     GracefulStop, Halt, Quit and the cleanup names above). Only
//     functions that
//     start the root context themselves are marked, not their callers: a
//     long chain makes a report nobody can act on. Wrappers of their own
//     variant (Get calling GetContext(context.Background(), ...)) are
//     reported by the variant rule instead.
//   - Code under //nolint:ctxprop, //nolint:contextcheck or //nolint:noctx
//     (those linters report the same missing context, so code reviewed
//     under their names is not reported again), and generated files.
package ctxprop
