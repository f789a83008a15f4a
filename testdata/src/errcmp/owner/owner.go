// Package owner compares errors that come straight from the package that
// declares the sentinel: its package fact says whether it ever wraps it.
package owner

import (
	"context"
	"errors"
	"io"

	"errcmp/lib"
)

func fromWait() bool {
	err := lib.Wait()
	return err == lib.ErrTimeout // lib returns ErrTimeout as is and never wraps it
}

func fromMethod(c *lib.Conn) bool {
	_, err := c.Request()
	return err == lib.ErrTimeout
}

func fromMethodValue(c *lib.Conn) bool {
	req := c.Request
	_, err := req()
	return err == lib.ErrTimeout
}

func wrappedByOwner() bool {
	err := lib.Find("x")
	return err == lib.ErrNotFound // want `error compared with lib.ErrNotFound`
}

func fromInterface(p lib.Picker) bool {
	err := p.Pick()              // implementations live anywhere and may wrap
	return err == lib.ErrTimeout // want `error compared with lib.ErrTimeout`
}

func fromOtherPackage(r io.Reader) bool {
	err := lib.Wait()
	if err != nil {
		_, err = r.Read(nil)
	}
	return err == lib.ErrTimeout // want `error compared with lib.ErrTimeout`
}

func fromFuncValue(f func() error) bool {
	err := f()
	return err == io.EOF // unknown origin: io.EOF is compared with == throughout the ecosystem
}

func sentinelFromFuncValue(f func() error) bool {
	err := f()
	return err == lib.ErrTimeout // want `error compared with lib.ErrTimeout`
}

func conversion(x interface{ Error() string }) bool {
	err := error(x)
	return err == io.EOF // holds what x holds: unknown origin
}

// ContextErr maps ctx.Err() results, its callers' only source.
func ContextErr(err error) int {
	switch err {
	case context.Canceled:
		return 1
	case context.DeadlineExceeded:
		return 2
	}
	return 0
}

func contextFromCall() bool {
	_, err := lib.Load()                   // an error of another package, which may wrap anything
	return err == context.DeadlineExceeded // want `error compared with context.DeadlineExceeded`
}

func contextFromCtx(ctx context.Context) bool {
	err := ctx.Err()
	return err == context.Canceled
}

// Source is implemented elsewhere: its implementations may wrap.
type Source interface{ Get() error }

func ownInterface(s Source) bool {
	err := s.Get()
	return err == lib.ErrTimeout // want `error compared with lib.ErrTimeout`
}

func get() error { return lib.Wait() }

func ownFunction() bool {
	err := get() // this package's code: it knows what it returns
	return err == lib.ErrTimeout
}

type source interface{ Get() error }

func unexportedInterface(s source) bool {
	err := s.Get() // implemented by this package's own types
	return err == lib.ErrTimeout
}

func fromField(ne *lib.NumError) bool {
	return ne.Err == lib.ErrTimeout // lib stores ErrTimeout in its own error type's field
}

func fromFieldWrapped(ne *lib.NumError) bool {
	return ne.Err == lib.ErrNotFound // want `error compared with lib.ErrNotFound`
}

func reviewedUnderErrorlint() bool {
	_, err := lib.Load()
	return err == lib.ErrNotFound //nolint:errorlint // reviewed: Load never wraps it
}

func otherLinterSilenced() bool {
	_, err := lib.Load()
	return err == lib.ErrNotFound //nolint:errcheck // want `error compared with lib.ErrNotFound`
}

// IsNumError asserts first and falls back to errors.As for wrapped errors.
func IsNumError(err error) bool {
	ne, ok := err.(*lib.NotFoundError)
	return err != nil && (ok || errors.As(err, &ne))
}

func assertWithoutFallback(err error) bool {
	ne, ok := err.(*lib.NotFoundError) // want `type assertion of an error to \*lib.NotFoundError`
	return ok && ne.Name != ""
}

func shortBuffer(r io.Reader, buf []byte) bool {
	_, err := r.Read(buf)
	return err == io.ErrShortBuffer // framing readers return it as is
}
