//go:build go1.22

package fixold

import (
	"errors"

	"errcmp/lib"
)

func assert(err error) string {
	if e, ok := err.(*lib.NotFoundError); ok { // want `type assertion of an error to \*lib.NotFoundError`
		return e.Name
	}
	if _, ok := err.(*lib.NotFoundError); ok { // want `type assertion of an error to \*lib.NotFoundError`
		return "found"
	}
	if e, ok := err.(lib.Code); ok { // want `type assertion of an error to lib.Code`
		return string(e)
	}
	// ok is used after the condition: no fix.
	if e, ok := err.(*lib.NotFoundError); ok && e.Name != "" { // want `type assertion of an error to \*lib.NotFoundError`
		return e.Name
	}
	e, ok := err.(*lib.NotFoundError) // want `type assertion of an error to \*lib.NotFoundError`
	if ok {
		return e.Name
	}
	return errors.New("x").Error()
}
