package a

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"strconv"
)

var ErrNotFound = errors.New("not found")

const wrapFormat = "read config: %v"

func verbs(err error) []error {
	return []error{
		fmt.Errorf("read config: %v", err),                  // want `fmt.Errorf formats the error err with %v instead of wrapping it`
		fmt.Errorf("read config: %s", err),                  // want `formats the error err with %s`
		fmt.Errorf("read config: %q", err),                  // want `formats the error err with %q`
		fmt.Errorf("read config: %+v", err),                 // want `formats the error err with %\+v`
		fmt.Errorf("read config: %-10v!", err),              // want `with %-10v`
		fmt.Errorf("read config: %s", err.Error()),          // want `formats the text of the error err with %s instead of wrapping it.*pass err itself with %w`
		fmt.Errorf("read config: %v", err.Error()),          // want `formats the text of the error err with %v`
		fmt.Errorf(wrapFormat, err),                         // want `formats the error err with %v`
		fmt.Errorf("%[2]v (%[1]d)", 3, err),                 // want `formats the error err with %\[2\]v`
		fmt.Errorf("%[2]s at line %[1]d", 3, err),           // want `formats the error err with %\[2\]s`
		fmt.Errorf("%*d: %v", 4, 3, err),                    // want `formats the error err with %v`
		fmt.Errorf("100%%: %v", err),                        // want `formats the error err with %v`
		fmt.Errorf("item %v: %v", ErrNotFound, "x"),         // want `formats the error ErrNotFound with %v`
		fmt.Errorf("timeout: %v", context.DeadlineExceeded), // want `formats the error context.DeadlineExceeded with %v`
		fmt.Errorf("é\t\"%v\"", err),                        // want `formats the error err with %v`
	}
}

// A sentinel-typed custom error is an error too.
type codeErr struct{ code int }

func (e codeErr) Error() string { return strconv.Itoa(e.code) }

func custom() error {
	return fmt.Errorf("request: %v", codeErr{404}) // want `formats the error codeErr\{…\} with %v`
}

// Two losses: one finding names both; the module is at go1.20+, so both get a fix.
func two(a, b error) error {
	return fmt.Errorf("%v; %v", a, b) // want `formats the errors a and b with %v instead of wrapping them`
}

func errorsNew(err error) []error {
	return []error{
		errors.New("dial: " + err.Error()),                     // want `errors.New builds a new error from the text of err`
		errors.New("dial: " + err.Error() + " (retry)"),        // want `errors.New builds a new error from the text of err`
		errors.New(fmt.Sprintf("dial: %v", err)),               // want `errors.New builds a new error from the text of err`
		errors.New(fmt.Sprintf("dial %d: %s", 3, err.Error())), // want `errors.New builds a new error from the text of err`
		errors.New(fmt.Sprint("dial: ", err)),                  // want `errors.New builds a new error from the text of err`
	}
}

// ---- near misses ----

type stringer struct{}

func (stringer) String() string { return "s" }

// ptrErr implements error only through its pointer.
type ptrErr struct{}

func (*ptrErr) Error() string { return "p" }

func negatives(err error, n int, s fmt.Stringer, v any) []error {
	var pe ptrErr
	log.Printf("read config: %v", err)
	slog.Error("read config", "err", err)
	fmt.Printf("read config: %v\n", err)
	fmt.Fprintf(os.Stderr, "read config: %v\n", err)
	_ = fmt.Sprintf("read config: %v", err)
	_ = errors.New(err.Error())                       // a deliberate copy of the text
	_ = errors.New("dial: " + strconv.Itoa(n))        // no error in it
	_ = errors.New(fmt.Sprintf("dial: %d", n))        // no error in it
	msg := fmt.Errorf("read config: %v", err).Error() // only the text is used
	log.Println(fmt.Errorf("read config: %v", err))   // only printed
	_ = msg
	return []error{
		fmt.Errorf("read config: %w", err),
		fmt.Errorf("%w: %v", ErrNotFound, err),                 // wraps the sentinel on purpose (go-errorlint #5)
		fmt.Errorf("%w: details=%s", ErrNotFound, err.Error()), // (go-errorlint #36)
		fmt.Errorf("%v, %w, %v", err, codeErr{1}, io.EOF),      // (go-errorlint #16)
		fmt.Errorf("count: %d", n),
		fmt.Errorf("stringer: %v", s),
		fmt.Errorf("stringer: %v", stringer{}),
		fmt.Errorf("any: %v", v),
		fmt.Errorf("type: %T", err),
		fmt.Errorf("ptr: %p", err),
		fmt.Errorf("debug: %#v", err),
		fmt.Errorf("text: %s", pe.Error()),  // pe is not an error, *pe is
		fmt.Errorf("bad index: %[3]v", err), // fmt rejects it: no guess
		fmt.Errorf("missing: %v %v", err),   // fmt rejects it: no guess
		fmt.Errorf("read config: %v", nil),
		fmt.Errorf("Call() = %v, want <nil>", err), // a test harness's report
		fmt.Errorf("read config: %v", err),         //nolint:errwrap // the cause is internal
	}
}

func forward(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}

func nonConst(format string, err error) error {
	return fmt.Errorf(format, err) // not a constant format
}

func generic[E error](err E) error {
	return fmt.Errorf("generic: %v", err) // a type parameter: not reported
}

// ---- error types ----

type QueryError struct { // want `error type QueryError holds its cause in field Err but has no Unwrap method`
	Query string
	Err   error
}

func (e *QueryError) Error() string { return e.Query + ": " + e.Err.Error() }

type valueErr struct { // want `error type valueErr holds its cause in field cause`
	cause error
}

func (e valueErr) Error() string { return fmt.Sprint("value: ", e.cause) }

type concreteCause struct { // want `holds its cause in field inner`
	inner *QueryError
}

func (e *concreteCause) Error() string { return "concrete: " + e.inner.Error() }

type twoCauses struct { // want `holds its cause in fields a, b`
	a, b error
}

func (e *twoCauses) Error() string { return e.a.Error() + e.b.Error() }

// Error promoted from the embedded error: often an adapter, not reported.
type embedded struct {
	error
}

func (embedded) Temporary() bool { return true }

// Near misses.

type withUnwrap struct{ err error }

func (e *withUnwrap) Error() string { return e.err.Error() }
func (e *withUnwrap) Unwrap() error { return e.err }

type valueUnwrap struct{ err error }

func (e valueUnwrap) Error() string   { return e.err.Error() }
func (e valueUnwrap) Unwrap() []error { return []error{e.err} }

type promotedUnwrap struct {
	*withUnwrap
	extra error
}

func (e promotedUnwrap) Error() string { return e.extra.Error() }

type withIs struct{ err error }

func (e *withIs) Error() string        { return e.err.Error() }
func (e *withIs) Is(target error) bool { return target == e.err }

type hiddenCause struct {
	msg string
	err error //nolint:errwrap // internal detail, not part of the API
}

func (e *hiddenCause) Error() string { return e.msg + e.err.Error() }

type hiddenAbove struct {
	//nolint:errorlint // hidden on purpose
	err error
}

func (e *hiddenAbove) Error() string { return e.err.Error() }

type nolintLookalike struct { // want `error type nolintLookalike holds its cause in field err but has no Unwrap method`
	err error //nolintx: not a nolint directive
}

func (e *nolintLookalike) Error() string { return e.err.Error() }

type notShown struct {
	Msg  string
	Last error // a bookkeeping field, not shown by Error
}

func (e *notShown) Error() string { return e.Msg }

type multi struct{ errs []error }

func (e *multi) Error() string { return fmt.Sprint(e.errs) }

type notAnError struct{ err error }

func (e *notAnError) String() string { return e.err.Error() }

//nolint:errwrap // the cause is private
type suppressed struct{ err error }

func (e *suppressed) Error() string { return e.err.Error() }

type stringerField struct {
	s stringer
}

func (e *stringerField) Error() string { return e.s.String() }

func local() error {
	type localErr struct{ error }
	return localErr{io.EOF}
}

// Code reviewed and silenced under errorlint, which reports the same
// problem, is not reported again.
func reviewedUnderErrorlint(err error) error {
	return fmt.Errorf("read config: %v", err) //nolint:errorlint // the cause stays internal
}
