// Package logs checks the logging rule, which -ctxprop.log turns on.
package logs

import (
	"context"
	"database/sql"
	lg "log/slog"
)

func handle(ctx context.Context, l *lg.Logger, db *sql.DB) {
	lg.Info("done")                     // want `slog.Info drops ctx: the log entry loses the request.s trace and values; call InfoContext\(ctx, ...\) instead`
	l.Warn("careful")                   // want `\(\*slog.Logger\).Warn drops ctx.*WarnContext`
	l.Log(context.Background(), 0, "x") // want `context.Background\(\) handed to a logger while ctx is in scope: the entry loses the request's trace and values; pass ctx`
	_, _ = db.Exec("x")                 // want `ExecContext`
	go func() {
		l.Log(context.Background(), 0, "in a goroutine: left alone")
	}()
	info := l.Info // a method value: calls of function values are not followed
	info("x")
	lg.InfoContext(ctx, "already has it")
}

// No context in scope: nothing to pass, also with the rule on.
func noCtx(l *lg.Logger) {
	l.Info("x")
}
