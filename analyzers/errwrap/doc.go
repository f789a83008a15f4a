// Package errwrap defines an Analyzer that reports errors that lose their
// chain of causes.
//
// # Analyzer errwrap
//
// errwrap: report errors that lose the chain of their cause
//
// When an error is formatted into a new one with %v instead of wrapped with
// %w, or rebuilt from its text with errors.New, or held by an error type
// without an Unwrap method, errors.Is and errors.As no longer find the
// cause. Callers stop recognising a timeout to retry, a not-found to answer
// 404 (it becomes a 500), a context cancellation to stay quiet, and
// operators lose the cause in their dashboards.
//
// The analyzer reports:
//   - a call of fmt.Errorf whose format prints an error operand with %v, %s,
//     %q or %+v, including err.Error() printed with %s or %v, when the format
//     has no %w. The format may be a literal or any constant (const format =
//     "...: %v"); it is parsed with fmt's rules (flags, width, precision,
//     '*', argument indexes such as %[2]v, %%);
//   - the same in calls of errorf wrappers: functions that take
//     "format string, args ...any", return an error and forward both to
//     fmt.Errorf or to another wrapper, in this package or in another one
//     (an analysis fact marks them, like the printf check's wrappers);
//   - errors.New whose message embeds an error: errors.New("x: " +
//     err.Error()), errors.New(fmt.Sprintf("x: %v", err)), and the same with
//     fmt.Sprint (category errors-new);
//   - a package-level struct error type (Error() string on the value or the
//     pointer) with a field whose type is error or implements it, shown by
//     its Error method, and no Unwrap method (category missing-unwrap). The
//     finding is at the type name and names the field.
//
// The finding about a format covers the directive inside the format literal
// (category errorf-verb); with a constant declared elsewhere, it covers the
// operand.
//
// # Example
//
//	if err != nil {
//		return fmt.Errorf("load config: %v", err)
//	}
//	return errors.New("dial: " + err.Error())
//
//	type QueryError struct {
//		Query string
//		Err   error
//	}
//
//	func (e *QueryError) Error() string { return e.Query + ": " + e.Err.Error() }
//
// Fixed:
//
//	return fmt.Errorf("load config: %w", err)
//	return fmt.Errorf("dial: %w", err)
//
//	func (e *QueryError) Unwrap() error { return e.Err }
//
// # Suggested fixes
//
// For fmt.Errorf and wrappers with a literal format, the verb becomes %w
// (%+v becomes %+w, which prints the same), and err.Error() becomes err. The
// fix is offered when exactly one error operand is printed without %w, or
// when the file's Go version (go1.20 or later, from go.mod or a //go:build
// line) allows several %w in one format. There is no fix for %q (%w would
// drop the quotes), for a format that is not a literal in the call, or for
// a verb written as an escape sequence.
//
// For an error type with exactly one cause field, the fix adds
//
//	// Unwrap returns the cause, for errors.Is and errors.As.
//	func (e *T) Unwrap() error {
//		return e.Err
//	}
//
// after the Error method, with the receiver kind and name of the Error
// method.
// A cause of pointer type gets a nil check first, since a nil pointer in an
// error interface is not a nil error.
//
// errors.New has no automatic fix: the message usually has to be reworded
// around ": %w".
//
// # Options
//
//	-errwrap.opaque-ok=pkg/path,pkg/path.Func,pkg/path.Type.Method
//	    a comma-separated list of package paths, functions and methods that
//	    are API boundaries where errors are formatted with %v on purpose, so
//	    that callers cannot depend on internal errors. Calls inside a listed
//	    function or method (including function literals in it) are not
//	    reported; a listed package reports nothing at all, error types
//	    included.
//
// # Not reported
//
//   - A format that already has a %w: fmt.Errorf("%w: %v", ErrInvalid, err)
//     wraps the package's own sentinel and prints the cause's text on
//     purpose, a common way to keep internal errors out of an API (and before
//     Go 1.20 the only possible one). errorlint reported these until its
//     users objected (go-errorlint issues 5, 16 and 36).
//   - Logging and printing: log.Printf, slog, fmt.Printf, fmt.Sprintf,
//     t.Errorf format errors into text that no errors.Is reads; only
//     fmt.Errorf, errorf wrappers and errors.New build errors.
//   - An error built only for its text: fmt.Errorf(...).Error(), or passed
//     straight to fmt's print functions, the log package or panic.
//   - %T, %p, %d, %x and other verbs that do not print the message, and %#v,
//     which prints Go syntax for debugging.
//   - Operands that are not errors, such as a fmt.Stringer, a string or a
//     value whose Error method needs a pointer receiver; operands of a type
//     parameter type; calls that forward args... (the operands are unknown);
//     formats that are not constants or that fmt would reject (bad argument
//     index, missing operand).
//   - errors.New(err.Error()) with nothing around it: copying an error's
//     text without its chain has no other purpose, it is deliberate.
//   - Error types with an Unwrap method (any signature, value or pointer
//     receiver, declared or promoted), or with Is or As methods, which do
//     their own matching; error types whose Error method does not mention
//     the field (it may not be a cause); a cause field with a //nolint
//     comment of any linter on its line, which marks a cause hidden on
//     purpose; slices of errors (only fields that are errors count);
//     interface and non-struct error types; types declared inside functions.
//   - Error types that get their Error method from an embedded error, as in
//     struct{ error }: as often adapters (a log object marshaler, a
//     net.Error that adds Timeout) as errors handed to callers.
//   - Files whose names end in _test.go, packages whose other files import
//     testing (stub servers, fakes, e2e harnesses) and packages with a path
//     element testutil, testutils, testhelper or testhelpers: errors built
//     there feed tests, not production callers. Errorf wrappers found there
//     still count for their callers. Likewise a format that reads like a
//     test's report, "Call() = %v, want <nil>".
//   - Calls and types in packages and functions listed in
//     -errwrap.opaque-ok, generated files, and code under //nolint:errwrap
//     or //nolint:errorlint (errorlint reports the same problem, so code
//     reviewed under its name is not reported again).
package errwrap
