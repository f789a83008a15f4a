// Package upstream defines errorf wrappers and functions that only look
// like them.
package upstream

import (
	errfmt "fmt" // a renamed import still calls fmt.Errorf
	"log"
)

func Wrapf(format string, args ...any) error { // want Wrapf:"errorfWrapper"
	return errfmt.Errorf(format, args...)
}

type Client struct{ name string }

// Errorf forwards to Wrapf, itself a wrapper.
func (c *Client) Errorf(format string, args ...any) error { // want Errorf:"errorfWrapper"
	log.Print(c.name)
	return Wrapf(format, args...)
}

// Generic is a wrapper of a generic type.
type Generic[T any] struct{ v T }

func (g Generic[T]) Failf(format string, args ...any) error { // want Failf:"errorfWrapper"
	return errfmt.Errorf(format, args...)
}

// Logf returns nothing: not a wrapper.
func Logf(format string, args ...any) {
	_ = errfmt.Errorf(format, args...)
}

// Prefixed rewrites its format: not a plain wrapper.
func Prefixed(format string, args ...any) error {
	format = "prefix: " + format
	return errfmt.Errorf(format, args...)
}

// Sprintf forwards to fmt.Sprintf: not an errorf wrapper.
func Sprintf(format string, args ...any) error {
	return errString(errfmt.Sprintf(format, args...))
}

// Fixed ignores its arguments: not a wrapper.
func Fixed(format string, args ...any) error {
	return errfmt.Errorf("fixed")
}

type errString string

func (e errString) Error() string { return string(e) }
