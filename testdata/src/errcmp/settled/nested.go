package settled

import (
	"errors"
	"fmt"
	"net"
	"os"

	"errcmp/lib"
)

type tempErr struct{}

func (*tempErr) Error() string   { return "temp" }
func (*tempErr) Temporary() bool { return true }

// The outer type switch is reported; the assertions inside its cases test
// the same error and are not reported again.
func nestedSwitch(err error) string {
	switch e := err.(type) { // want `type switch on an error checks \*lib.NotFoundError`
	case *lib.NotFoundError:
		if _, ok := err.(*lib.NotFoundError); ok {
			return e.Name
		}
	case net.Error:
		if t, ok := e.(*net.OpError); ok {
			return t.Op
		}
	default:
		switch err.(type) {
		case *lib.NumError:
			return "num"
		}
	}
	return ""
}

// Inside a case of concrete types, and in the body of an if that asserted
// a concrete type, the error is that type: the inner check is not about
// wrapping. Only the outer check is reported.
func nestedIf(err error) string {
	if _, ok := err.(*lib.NotFoundError); ok { // want `type assertion of an error to \*lib.NotFoundError`
		if _, ok := err.(*lib.NumError); ok {
			return "both"
		}
	}
	return ""
}

// Near miss: an outer switch with only interface cases is not reported,
// so the assertion in its default case is.
func interfaceOuter(err error) string {
	switch err.(type) {
	case nil:
		return ""
	case net.Error:
		return "net"
	default:
		if _, ok := err.(*lib.NumError); ok { // want `type assertion of an error to \*lib.NumError`
			return "num"
		}
	}
	return "other"
}

// Near miss: an assertion of another error in the case is still reported.
func otherError(err error, cause error) string {
	switch err.(type) { // want `type switch on an error checks \*lib.NotFoundError`
	case *lib.NotFoundError:
		if _, ok := cause.(*lib.NumError); ok { // want `type assertion of an error to \*lib.NumError`
			return "num"
		}
	}
	return ""
}

// ---- Deferred checks of a named result ----

var errClosed = errors.New("closed")

func wrapClosed() error { return fmt.Errorf("conn: %w", errClosed) }

// The function returns errClosed itself: the deferred closure checks for
// exactly that return.
func closeOnce(done chan struct{}) (err error) {
	defer func() {
		if err == errClosed {
			return
		}
		close(done)
	}()
	if done == nil {
		return errClosed
	}
	return wrapClosed()
}

// The function makes a *tempErr itself.
func retry(n int) (err error) {
	defer func() {
		if _, ok := err.(*tempErr); ok {
			fmt.Println("retry later")
		}
	}()
	if n > 3 {
		return &tempErr{}
	}
	return lib.Find("x")
}

// Near miss: the deferred closure checks a sentinel that the function does
// not return itself; reported, without a fix (see the fix package).
func deferredOther() (err error) {
	defer func() {
		if err == lib.ErrNotFound { // want `error compared with lib.ErrNotFound`
			err = nil
		}
	}()
	return lib.Find("y")
}

// Near miss: the outer switch is settled by os.Open's contract, and the
// inner assertion asks for another type, which a wrapped error may hide.
func outerSettled(name string) string {
	_, err := os.Open(name)
	switch err.(type) {
	case *os.PathError:
		if _, ok := err.(*lib.NumError); ok { // want `type assertion of an error to \*lib.NumError`
			return "num"
		}
	}
	return ""
}
