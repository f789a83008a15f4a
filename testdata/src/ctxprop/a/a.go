// Package a has the standard library's context variants and new root
// contexts with a context in scope.
package a

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"time"

	ctxpkg "context"
	. "os/exec"
)

type Ctx = context.Context

// ---- variants ----

func query(ctx context.Context, db *sql.DB, d *net.Dialer) error {
	rows, err := db.Query("select 1") // want `\(\*sql.DB\).Query drops ctx: .*call QueryContext\(ctx, ...\) instead`
	if err != nil {
		return err
	}
	defer rows.Close()
	req, _ := http.NewRequest("GET", "http://x", nil) // want `http.NewRequest drops ctx.*NewRequestWithContext`
	_ = req
	_ = exec.Command("ls")         // want `exec.Command drops ctx.*CommandContext`
	_ = Command("ls")              // want `exec.Command drops ctx.*CommandContext`
	slog.Info("done", "rows", 1)   // the logging rule is off by default (package logs)
	slog.Default().Warn("careful") // likewise
	_, _ = d.Dial("tcp", "x")      // want `\(\*net.Dialer\).Dial drops ctx.*DialContext`
	var dv net.Dialer
	_, _ = dv.Dial("tcp", "x") // want `\(\*net.Dialer\).Dial drops ctx`
	_ = db.Ping()              // want `PingContext`
	return nil
}

// An alias of context.Context is a context.
func aliased(c Ctx, db *sql.DB) {
	_, _ = db.Exec("x") // want `\(\*sql.DB\).Exec drops c.*ExecContext\(c, ...\)`
}

// A derived local context shadows the parameter: its name is the same.
func derived(ctx context.Context, db *sql.DB) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, _ = db.Exec("x") // want `ExecContext\(ctx, ...\)`
}

// The request's context, or a local derived from it.
func handler(w http.ResponseWriter, r *http.Request) {
	db := &sql.DB{}
	_, _ = db.Exec("a") // want `\(\*sql.DB\).Exec drops r.Context\(\).*ExecContext\(r.Context\(\), ...\)`
	rctx := r.Context()
	_, _ = db.Exec("b") // want `ExecContext\(rctx, ...\)`
	_ = rctx
}

// A closure that captures the context, called synchronously.
func closure(ctx context.Context, db *sql.DB) {
	run := func() { _, _ = db.Exec("x") } // want `ExecContext\(ctx, ...\)`
	run()
	each([]string{"a"}, func(s string) { _, _ = db.Exec(s) }) // want `ExecContext\(ctx, ...\)`
}

func each(xs []string, f func(string)) {
	for _, x := range xs {
		f(x)
	}
}

// In a goroutine: often cancelled by hand (select on ctx.Done()), or meant
// to outlive the request. Not reported.
func spawn(ctx context.Context, db *sql.DB) error {
	errc := make(chan error, 1)
	go func() {
		_, err := db.Exec("x")
		errc <- err
	}()
	go db.Exec("y")
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Near misses of the variant rule.
func nearVariant(ctx context.Context, db *sql.DB, tx *sql.Tx) {
	defer db.Exec("unlock")                    // cleanup after the request: left alone
	defer func() { _, _ = tx.Exec("x") }()     // likewise
	time.AfterFunc(time.Second, func() {})     // no variant
	req, _ := http.NewRequest("GET", "x", nil) // given a context just after
	req = req.WithContext(ctx)
	_ = req
	f := db.Query // a method value: not a call of Query
	_, _ = f("x")
	_, _ = (*sql.DB).Query(db, "x") // a method expression: left alone
	select {
	case <-ctx.Done():
		_, _ = db.Exec("cleanup") // the context is done: a fresh call is deliberate
	default:
	}
	if ctx.Err() != nil {
		_, _ = db.Exec("cleanup")
	}
	_ = net.Dial // not called
	store := func() { _, _ = db.Exec("later") }
	hooks = append(hooks, store)
	h.fn = func() { _, _ = db.Exec("later") } // stored for later: left alone
}

var hooks []func()

var h struct{ fn func() }

// No context in scope.
func noContext(db *sql.DB) {
	_, _ = db.Exec("x")
	_ = context.Background()
}

// The callback's own context parameter is ignored on purpose: the
// enclosing one is not used either.
func callbackIgnores(ctx context.Context, db *sql.DB) {
	register(func(_ context.Context) { _, _ = db.Exec("x") })
}

func register(f func(context.Context)) {}

// Inside an implementation of the variant, calling the old function.
type store struct{ db *sql.DB }

func (s *store) Exec(q string) {}

func (s *store) ExecContext(ctx context.Context, q string) {
	s.Exec(q)
}

// ---- new root contexts ----

func roots(ctx context.Context, db *sql.DB) {
	_, _ = db.ExecContext(context.Background(), "x")                       // want `context.Background\(\) starts a new root context while ctx is in scope: .*pass ctx \(or context.WithoutCancel\(ctx\) if the work must outlive the request\)`
	_, _ = db.ExecContext(context.TODO(), "x")                             // want `context.TODO\(\) starts a new root context`
	tctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background\(\) starts a new root context`
	defer cancel()
	_, _ = db.ExecContext(tctx, "x")
	_, _ = db.ExecContext(ctxpkg.Background(), "y") // want `context.Background\(\) starts`

	go work(context.Background()) // want `context.Background\(\) in work that outlives the request drops the values and trace of ctx along with its cancellation; use context.WithoutCancel\(ctx\)`
	go func() {
		work(context.Background()) // want `outlives the request`
	}()
	bg := context.Background() // want `outlives the request`
	go work(bg)
}

func rootNearMisses(ctx context.Context, db *sql.DB, tx *sql.Tx, srv *http.Server) error {
	// Cleanup must run even when ctx is done.
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(cctx)
	}()
	_ = srv.Shutdown(context.Background())
	sctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	// A long-lived worker keeps its own context.
	w := &worker{}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	_ = &worker{ctx: context.Background()}
	global = context.Background()
	// After the request's context is done.
	if errors.Is(ctx.Err(), context.Canceled) {
		_, _ = db.ExecContext(context.Background(), "mark cancelled")
	}
	<-ctx.Done()
	_, _ = db.ExecContext(context.Background(), "after done")
	return nil
}

func rootReturned(ctx context.Context) context.Context {
	return context.Background()
}

type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

var global context.Context

func work(ctx context.Context) {}

func main() {
	_ = context.Background()
}

func init() {
	_ = context.Background()
}

// The request is built without a context and handed, with ctx, to a
// function that attaches it (client_golang's apiClient.Do).
func attached(ctx context.Context) error {
	req, err := http.NewRequest("GET", "http://x", nil)
	if err != nil {
		return err
	}
	return do(ctx, req)
}

func do(ctx context.Context, req *http.Request) error {
	_, err := http.DefaultClient.Do(req.WithContext(ctx))
	return err
}

// A nil context has nothing to pass on.
func nilGuard(ctx context.Context, db *sql.DB) {
	if ctx == nil {
		ctx = context.Background()
	}
	_, _ = db.ExecContext(ctx, "x")
}

// A comment explains the detachment.
func explainedDetach(ctx context.Context, db *sql.DB) {
	// Use a separate context that won't be canceled with the caller's.
	dctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = db.ExecContext(dctx, "x")

	// The lookup must not be cancelled when the caller gives up, so it gets
	// its own context.
	lctx := context.TODO()
	if db != nil {
		var cancel context.CancelFunc
		lctx, cancel = context.WithTimeout(context.Background(), time.Second)
		defer cancel()
	}
	_, _ = db.ExecContext(lctx, "y")
}

// A logger gets the new root context: reported only with -ctxprop.log.
func logs(ctx context.Context, l *ctxLogger) {
	l.Printf(context.Background(), "x") // the logging rule is off by default (package logs)
	go func() {
		l.Printf(context.Background(), "in a goroutine: left alone")
	}()
}

type ctxLogger struct{}

func (*ctxLogger) Printf(ctx context.Context, format string, args ...any) {}

// A future whose WaitContext only abandons the wait: not suggested.
type future struct{}

func (future) Wait() error                           { return nil }
func (future) WaitContext(ctx context.Context) error { return ctx.Err() } // want WaitContext:"honorsCtx"
func waits(ctx context.Context, f future) error      { return f.Wait() }
