// Package fix checks the suggested fixes.
package fix

import (
	"context"
	"database/sql"
	"net/http"
	. "os/exec"
	std "os/exec"
	"time"
)

type Client struct{}

func (c Client) Fetch(key string) error { return nil }

func (c *Client) FetchContext(ctx context.Context, key string) error { return nil }

func (c Client) Ping() {}

func (c Client) PingContext(ctx context.Context) {}

func newClient() Client { return Client{} }

func fixes(ctx context.Context, db *sql.DB, c Client) error {
	_, err := db.Exec("x", 1)   // want `ExecContext`
	_ = std.Command("ls", "-l") // want `CommandContext`
	_ = Command("ls")           // want `CommandContext`
	_ = c.Fetch("k")            // want `FetchContext`
	newClient().Ping()          // want `PingContext`
	_, _ = db.Query(            // want `QueryContext`
		"select 1",
	)
	_ = db.Ping()                                    // want `PingContext`
	_, _ = db.ExecContext(context.Background(), "y") // want `context.Background\(\) starts`
	go run(context.Background())                     // want `outlives the request`
	return err
}

// An unaddressable receiver: FetchContext needs a pointer, no fix.
func unaddressable(ctx context.Context) {
	_ = newClient().Fetch("k") // want `FetchContext`
}

func handle(w http.ResponseWriter, r *http.Request) {
	db := &sql.DB{}
	_, _ = db.Exec("x")                                                    // want `ExecContext\(r.Context\(\)`
	tctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background\(\) starts`
	defer cancel()
	_, _ = db.ExecContext(tctx, "y")
}

func run(ctx context.Context) {}

// Cleanup-like: reported, but the caller's context could keep the cleanup
// from running once the request is cancelled: no fix.
func releaseAll(ctx context.Context, db *sql.DB) {
	_, _ = db.ExecContext(context.Background(), "unlock") // want `context.Background\(\) starts`
	_ = db.Ping()                                         // want `PingContext`
}
