// Package defaults holds checks that break on wrapped errors, which errcmp
// reports only under -errcmp.wrapped, next to the never-matches mistakes it
// reports by default.
package defaults

import (
	"errors"
	stderrors "errors"
	"os"

	"errcmp/lib"
)

type codeErr struct{ code int }

func (e *codeErr) Error() string { return "code" }

// Silent by default: these are the compare and assert rules.
func wrapped(err error) int {
	if err == lib.ErrNotFound {
		return 1
	}
	switch err {
	case lib.ErrNotFound:
		return 2
	}
	if _, ok := err.(*os.PathError); ok {
		return 3
	}
	switch err.(type) {
	case *lib.NotFoundError:
		return 4
	}
	return 0
}

// Reported by default: a target no error can equal.
func never(err error) bool {
	return errors.Is(err, errors.New("gone")) || // want `errors.Is can never match this target: the target is created by this very call`
		stderrors.Is(err, &codeErr{code: 1}) // want `errors.Is can never match this target: a pointer to a new composite literal`
}

// A nil target is defined: errors.Is reports whether err is nil.
func isNil(err error) bool {
	return errors.Is(err, nil) || stderrors.Is(err, error(nil))
}
