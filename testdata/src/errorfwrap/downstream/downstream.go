// Package downstream builds wrappers on upstream's.
package downstream

import up "errorfwrap/upstream"

// Failf forwards to a wrapper of another package.
func Failf(format string, args ...any) error { // want Failf:"errorfWrapper"
	return up.Wrapf(format, args...)
}

// Through forwards to a method wrapper of another package.
func Through(c *up.Client, format string, args ...any) error { // want Through:"errorfWrapper"
	return c.Errorf(format, args...)
}

// Generic forwards to a method of an instantiated generic type.
func Generic(format string, args ...any) error { // want Generic:"errorfWrapper"
	return up.Generic[int]{}.Failf(format, args...)
}

// Logs forwards to a function that is not a wrapper.
func Logs(format string, args ...any) error {
	return up.Prefixed(format, args...)
}
