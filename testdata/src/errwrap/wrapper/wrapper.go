// Package wrapper defines errorf wrappers for the user package.
package wrapper

import (
	"fmt"
	"log"
)

// Wrapf forwards to fmt.Errorf.
func Wrapf(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}

// Client has a wrapper method.
type Client struct{ name string }

// Errorf forwards to Wrapf, itself a wrapper.
func (c *Client) Errorf(format string, args ...any) error {
	log.Print(c.name)
	return Wrapf(format, args...)
}

// Fail forwards through Wrapf with a leading code.
func Fail(code int, format string, args ...any) error {
	log.Print(code)
	return Wrapf(format, args...)
}

// Logf forwards to fmt.Errorf but returns nothing: not a wrapper.
func Logf(format string, args ...any) {
	log.Print(fmt.Errorf(format, args...))
}

// Prefixed rewrites its format before forwarding: not a plain wrapper.
func Prefixed(format string, args ...any) error {
	format = "prefix: " + format
	return fmt.Errorf(format, args...)
}

// Sprintf forwards to fmt.Sprintf: it builds text, not an error.
func Sprintf(format string, args ...any) string {
	return fmt.Sprintf(format, args...)
}

func local(err error) error {
	return Wrapf("local: %v", err) // want `Wrapf formats the error err with %v`
}
