// Package user calls the wrappers of package wrapper, and imports neither
// fmt nor errors.
package user

import (
	"io"

	"errwrap/wrapper"
)

func use(c *wrapper.Client, err error) []error {
	wrapper.Logf("logged: %v", err)
	return []error{
		wrapper.Wrapf("open: %v", err),      // want `Wrapf formats the error err with %v`
		wrapper.Fail(3, "open: %s", io.EOF), // want `Fail formats the error io.EOF with %s`
		wrapper.Wrapf("open: %w", err),
		wrapper.Prefixed("open: %v", err),
		c.Errorf("open: %v", err), // want `Errorf formats the error err with %v`
	}
}
