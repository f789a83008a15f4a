// Package shutdown has deliberate detachment on shutdown and exit paths,
// and near misses on request paths.
package shutdown

import (
	stdctx "context"
	"database/sql"
	"net/http"
	"os"
	sig "os/signal"
	"time"
)

type server struct {
	db  *sql.DB
	srv *http.Server
}

// Named for stopping: the caller's context is the one being cancelled.
func (s *server) Shutdown(ctx stdctx.Context) error { // want Shutdown:"honorsCtx"
	cctx, cancel := stdctx.WithTimeout(stdctx.Background(), time.Second)
	defer cancel()
	_, _ = s.db.ExecContext(cctx, "flush")
	return s.db.Ping()
}

func (s *server) GracefulStop(ctx stdctx.Context) {
	_, _ = s.db.ExecContext(stdctx.Background(), "drain")
}

func (s *server) drainConns(ctx stdctx.Context) {
	_, _ = s.db.ExecContext(stdctx.TODO(), "drain")
}

// Near miss: a request path whose name only looks similar.
func (s *server) Stopwatch(ctx stdctx.Context) {
	_, _ = s.db.ExecContext(stdctx.Background(), "lap") // want `context.Background\(\) starts`
}

func (s *server) handleOrder(ctx stdctx.Context) {
	_, _ = s.db.ExecContext(stdctx.Background(), "insert") // want `context.Background\(\) starts a new root context`
	_ = s.db.Ping()                                        // want `PingContext`
}

// A literal bound to a stop name, or handed to a shutdown hook.
func (s *server) serve(ctx stdctx.Context) {
	stop := func() {
		_, _ = s.db.ExecContext(stdctx.Background(), "stop")
	}
	stop()
	s.srv.RegisterOnShutdown(func() {
		_, _ = s.db.ExecContext(stdctx.Background(), "on shutdown")
	})
	each(func() {
		_, _ = s.db.ExecContext(stdctx.Background(), "not a hook") // want `context.Background\(\) starts`
	})
}

func each(f func()) { f() }

// After a signal: the process is exiting.
func (s *server) run(ctx stdctx.Context) error {
	ch := make(chan os.Signal, 1)
	sig.Notify(ch, os.Interrupt)
	_, _ = s.db.ExecContext(stdctx.Background(), "before the signal") // want `context.Background\(\) starts`
	<-ch
	sctx, cancel := stdctx.WithTimeout(stdctx.Background(), time.Second)
	defer cancel()
	return s.srv.Shutdown(sctx)
}

func (s *server) loop(ctx stdctx.Context, ch chan os.Signal, errc chan error) {
	select {
	case <-ch:
		_, _ = s.db.ExecContext(stdctx.Background(), "signalled")
	case err := <-errc:
		_ = err
		_, _ = s.db.ExecContext(stdctx.Background(), "failed") // want `context.Background\(\) starts`
	}
	for range ch {
		_ = s.db.Ping()
	}
}

// Cleanup-like, but the name does not say it stops: reported, no fix
// (see package fix).
func (s *server) releaseLocks(ctx stdctx.Context) {
	_, _ = s.db.ExecContext(stdctx.Background(), "unlock") // want `context.Background\(\) starts`
}
