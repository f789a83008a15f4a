// Package tests has tests whose goroutines use t.
package tests

import (
	"errors"
	"net"
	"net/http"
)

// Publish pretends to publish.
func Publish(msg string) error {
	if msg == "" {
		return errors.New("empty")
	}
	return nil
}

// Serve serves on l.
func Serve(srv *http.Server, l net.Listener) error { return srv.Serve(l) }
