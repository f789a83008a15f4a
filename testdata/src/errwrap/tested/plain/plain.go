// Package plain is a dependency with no exported error identities: its
// errors are text to callers.
package plain

import "errors"

// Load fails with an anonymous error.
func Load(name string) error { return errors.New("cannot load " + name) }
