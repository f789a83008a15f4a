package fix

import (
	"fmt"

	"errcmp/lib"
)

func compare(err error) {
	if err == lib.ErrNotFound { // want `error compared with lib.ErrNotFound`
		fmt.Println("404")
	}
	if err != nil && err != lib.ErrTimeout { // want `error compared with lib.ErrTimeout`
		fmt.Println("other")
	}
}

func status(err error) int {
	switch err { // want `switch compares the error with lib.ErrNotFound`
	case nil:
		return 200
	case lib.ErrNotFound, lib.ErrTimeout:
		return 404
	}
	return 500
}

func assert(err error) string {
	if e, ok := err.(*lib.NotFoundError); ok { // want `type assertion of an error to \*lib.NotFoundError`
		return e.Name
	}
	var e2, ok2 = err.(*lib.NotFoundError) // want `type assertion of an error to \*lib.NotFoundError`
	if ok2 {
		return e2.Name
	}
	return ""
}

// A deferred check of the named result looks for exactly what the function
// returns: reported, but errors.Is would change what it catches, so no fix.
func deferred(p lib.Picker, done chan struct{}) (err error) {
	defer func() {
		if err != lib.ErrTimeout { // want `error compared with lib.ErrTimeout`
			close(done)
		}
		if _, ok := err.(*lib.NotFoundError); ok { // want `type assertion of an error to \*lib.NotFoundError`
			close(done)
		}
	}()
	return p.Pick()
}
