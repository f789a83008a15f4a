// Package go120 is compiled with Go 1.20, before context.WithoutCancel: a
// goroutine's new root context was the only way to detach.
package go120

import (
	"context"
	"database/sql"
)

func handler(ctx context.Context, db *sql.DB) {
	go work(context.Background())
	go func() { _, _ = db.Exec("x") }()
	_, _ = db.Exec("y")                              // want `ExecContext`
	_, _ = db.ExecContext(context.Background(), "z") // want `context.Background\(\) starts`
}

func work(ctx context.Context) {}
