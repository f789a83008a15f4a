// Package dep is a dependency that exports an error identity its callers
// test for.
package dep

import "errors"

// ErrGone is returned by Fetch.
var ErrGone = errors.New("gone")

// Fetch fails with ErrGone.
func Fetch(key string) error { return ErrGone }

// ParseKey parses local data: its errors are reported, not tested.
func ParseKey(s string) (string, error) { return s, errors.New("bad key") }
