// Package broken does not type-check.
package broken

import (
	"context"
	"database/sql"
)

func handler(ctx context.Context, db *sql.DB) {
	_, _ = db.Exec(undefined) // want `ExecContext`
	_, _ = db.Nope("x")
	_ = context.Background(1)
	_ = missing.Query("x")
	go undefinedFunc(context.Background()) // want `outlives`
}
