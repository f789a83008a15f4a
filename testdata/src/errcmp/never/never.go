package never

import (
	"errors"
	"fmt"

	"errcmp/lib"
)

type plainErr struct{ msg string }

func (e *plainErr) Error() string { return e.msg }

type isErr struct{ code int }

func (e *isErr) Error() string { return "is" }

func (e *isErr) Is(target error) bool {
	t, ok := target.(*isErr)
	return ok && t.code == e.code
}

type empty struct{}

func (*empty) Error() string { return "empty" }

type multi []error

func (m multi) Error() string { return "multi" }

type multiIs []error

func (m multiIs) Error() string { return "multi" }
func (m multiIs) Is(error) bool { return true }

func is(err error) {
	_ = errors.Is(err, &plainErr{msg: "x"})                  // want `errors.Is can never match this target: a pointer to a new composite literal`
	_ = errors.Is(err, new(plainErr))                        // want `errors.Is can never match this target: new returns a pointer`
	_ = errors.Is(err, errors.New("x"))                      // want `errors.Is can never match this target: the target is created by this very call`
	_ = errors.Is(err, fmt.Errorf("x: %w", lib.ErrNotFound)) // want `errors.Is can never match this target`
	_ = errors.Is(err, multi{})                              // want `errors.Is can never match this target: errors.Is compares with ==, and a multi is not comparable`

	_ = errors.Is(err, &isErr{code: 404}) // *isErr has an Is method
	_ = errors.Is(err, &empty{})          // zero-sized: pointers may be equal
	_ = errors.Is(err, multiIs{})         // has an Is method
	_ = errors.Is(err, lib.ErrNotFound)
	_ = errors.Is(err, &lib.NotFoundError{}) // want `errors.Is can never match this target`
	var target error = multi{}
	_ = errors.Is(err, target) // interface: the dynamic value is unknown
}

var errNone error

// errors.Is(err, nil) is defined: it reports whether err is nil.
func isNil(err error) {
	_ = errors.Is(err, nil)
	_ = errors.Is(err, (nil))
	_ = errors.Is(err, error(nil))
	_ = errors.Is(err, errNone)
	_ = errors.Is(err, (*plainErr)(nil))
	_ = errors.Is(err, multi(nil)) // want `errors.Is can never match this target: errors.Is compares with ==, and a multi is not comparable`
}

type valErr struct{ code int }

func (e valErr) Error() string { return "val" }

type valErrPtr struct{ code int }

func (e valErrPtr) Error() string { return "val" }

func makePtr() error { return &valErrPtr{} }

type withPtrMethod struct{}

func (withPtrMethod) Error() string  { return "x" }
func (w *withPtrMethod) Self() error { return w }

// ValErr is exported: other packages may create *ValErr values.
type ValErr struct{}

func (ValErr) Error() string { return "val" }

func as(err error) {
	var p *valErr
	_ = errors.As(err, &p) // want `errors.As can never match this target: valErr implements error with a value receiver`
	var v valErr
	_ = errors.As(err, &v)
	var q *valErrPtr
	_ = errors.As(err, &q) // the package returns &valErrPtr{}
	var w *withPtrMethod
	_ = errors.As(err, &w)
	var x *ValErr
	_ = errors.As(err, &x)
	var pe *plainErr
	_ = errors.As(err, &pe)
}

func wrapsType() error { return fmt.Errorf("x: %w", valErr{}) }
