package a

import (
	"context"
	"database/sql"
	"testing"
)

func TestX(t *testing.T) {
	helper(context.Background(), nil)
}

func helper(ctx context.Context, db *sql.DB) {
	_, _ = db.Exec("x")
	_, _ = db.ExecContext(context.Background(), "x")
}
