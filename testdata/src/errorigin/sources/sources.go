package sources

// The probe of the test reports what the Result says about each use(err)
// and each comparison.

import (
	"errors"
	"fmt"

	up "errorigin/upstream"
)

var errOwn = errors.New("own")

var errNever = errors.New("never wrapped")

func use(error) {}

func own() error { return fmt.Errorf("own: %w", errOwn) }

func assigned(ch chan error) {
	err := up.Find()
	use(err) // want `sources: up.Find; complete`
	err = up.Plain()
	use(err) // want `sources: up.Plain; complete`
	if ch != nil {
		err = up.Logged()
	}
	use(err) // want `sources: up.Plain, up.Logged; complete`
	err = up.ErrPlain
	use(err) // want `sources: none; complete`
	err = <-ch
	use(err)                 // want `sources: none; incomplete`
	use(error(up.Aliased())) // want `sources: up.Aliased; complete`
}

// helper is only called directly: its parameter holds its callers' errors.
func helper(err error) {
	use(err) // want `sources: up.Find, own; complete`
}

func callers() {
	helper(up.Find())
	helper(own())
}

// Exported gets its parameter from anywhere.
func Exported(err error) {
	use(err) // want `sources: none; incomplete`
}

func named() (err error) {
	defer func() {
		use(err) // want `sources: up.Plain; complete`
	}()
	return up.Plain()
}

func generic[T any](f func() (T, error)) {
	_, err := f()
	use(err) // want `sources: f; complete`
}

func loop() {
	err := own()
	for range 3 {
		use(err) // want `sources: own, up.Find; complete`
		err = up.Find()
	}
}

func compare(err error) bool {
	return err == up.ErrWrapped || // want `up.ErrWrapped wrapped`
		err == up.ErrPlain || // want `up.ErrPlain not wrapped`
		err == up.ErrAliased || // want `up.ErrAliased not wrapped`
		err == errOwn || // want `errOwn wrapped`
		err == errNever // want `errNever not wrapped`
}
