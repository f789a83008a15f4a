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
// That only matters for a cause that some caller tests. errorlint reports
// every error printed with %v, and on real modules most of those are parse,
// validation and configuration errors of local data, or a command's errors
// printed before it exits: nobody calls errors.Is on them, and errorlint's
// users turn the check off. Even the causes that callers could test in
// principle (sentinels, os and net errors, errors of dependencies) were
// almost never tested where errwrap found them flattened. The one lost
// cause that callers did test is the context error: once it is printed
// with %v, callers cannot tell a deadline from a cancellation and
// errors.Is(err, context.DeadlineExceeded) is false, so their timeout
// handling (answering 504, retrying, not logging cancellations as errors)
// breaks. So by default errwrap reports a lost cause only when both hold:
//
//   - the cause is a context error: the operand is ctx.Err() of a
//     context.Context (also through an embedded Context), context.Cause,
//     context.Canceled or context.DeadlineExceeded; a local variable whose
//     reaching values include one (if err := ctx.Err(); err != nil), also
//     through named results and the parameters of unexported helpers; or
//     an error that a function of this package returns (one level deep)
//     and that is one of these, unwrapped or wrapped with %w;
//   - the built error leaves its function: it is returned, directly, through
//     a local variable that a return statement uses or a named result, or
//     gathered with append or errors.Join; and the package is not a main
//     package.
//
// -errwrap.causes=tested widens the first condition to every cause that
// callers can test for; -errwrap.strict reports every case, as errorlint
// does. The message names the cause found ("the context error from
// ctx.Err()", and under -errwrap.causes=tested "the os error from os.Open",
// "the errors of package dep (it exports sentinels such as dep.ErrGone)"),
// so a reader sees why this one matters.
//
// The analyzer reports:
//   - a call of fmt.Errorf whose format prints an error operand with %v, %s,
//     %q or %+v, including err.Error() printed with %s or %v, when the format
//     has no %w. The format may be a literal or any constant (const format =
//     "...: %v"); it is parsed with fmt's rules (flags, width, precision,
//     '*', argument indexes such as %[2]v, %%). One finding per call, at
//     the first such directive, names every error operand printed without
//     %w ("formats the errors ctx.Err() and err with %v");
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
//     finding is at the type name and names the field. By default the type
//     must be exported and a value stored in the field (in a composite
//     literal or an assignment anywhere in the package) must be a context
//     error, by the rules above. Under -errwrap.causes=tested it may be any
//     cause that callers test, or a parameter of an exported function
//     (callers pass their own errors in, as to a constructor).
//
// The finding about a format covers the directive inside the format literal
// (category errorf-verb); with a constant declared elsewhere, it covers the
// operand.
//
// # Example
//
//	select {
//	case <-ready:
//		return nil
//	case <-ctx.Done():
//		return fmt.Errorf("wait for %s: %v", name, ctx.Err())
//	}
//	if err := ctx.Err(); err != nil {
//		return errors.New("aborted: " + err.Error())
//	}
//
//	type TimeoutError struct {
//		Op  string
//		Err error // ctx.Err(), set where the wait gives up
//	}
//
//	func (e *TimeoutError) Error() string { return e.Op + ": " + e.Err.Error() }
//
// Fixed:
//
//	return fmt.Errorf("wait for %s: %w", name, ctx.Err())
//	return fmt.Errorf("aborted: %w", err)
//
//	func (e *TimeoutError) Unwrap() error { return e.Err }
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
//	-errwrap.causes=context
//	    which lost causes are reported: context (the default) or tested.
//	    context reports only context errors, as described above: on 29
//	    real modules the old default found 196 lost causes, and the only
//	    kind whose findings held up were context errors (3 findings, all
//	    true bugs or real risks: a dial returning "%v: %v" of ctx.Err() and
//	    the last error, a %s of a helper's ctx.Err(), an exported error type
//	    holding ctx.Err() without Unwrap). tested also reports sentinels
//	    (a package-level variable of an error type, such as io.EOF or the
//	    package's own ErrClosed) and values of exported error types; errors
//	    of standard-library calls whose errors are documented to be tested
//	    (one table: net, os, io, io/fs, os/exec, database/sql, syscall,
//	    bufio readers and writers, the Client, Transport and Server of
//	    net/http and http.Get and its kind, and crypto/tls handshakes and
//	    dials); errors of calls into a package outside the standard library
//	    that exports error sentinels or error types; errors that a function
//	    of this package returns (one level deep) and that are one of these;
//	    and, for error types, parameters of exported functions. Measured on
//	    the same 29 modules, tested is right 5 times in 196 (2.6%): most
//	    such causes are never tested where they are flattened. Any other
//	    value is an error.
//
//	-errwrap.strict=false
//	    report every error printed with %v, %s, %q or %+v, every errors.New
//	    of an error's text and every error type without Unwrap, whatever the
//	    cause and wherever the error goes: errorlint's rule, which takes
//	    every cause (-errwrap.causes does not apply). Off by default, since
//	    most of these causes are never tested.
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
// By default (-errwrap.causes=context, not under -errwrap.strict):
//
//   - Causes other than context errors: sentinels, os, net and io errors,
//     errors of dependencies, exported error types, and for error types
//     the errors that callers of a constructor pass in. On real modules
//     almost none of these were tested by callers where errwrap found them
//     flattened (of 196 findings of the old default, 5 were right, 3 of
//     them context errors); -errwrap.causes=tested reports them.
//   - A method named Err of a type that is not a context.Context (a lease,
//     a result): its error is not a context error.
//
// Under -errwrap.causes=tested as well:
//
//   - Causes that no caller can test: the errors of calls whose name says
//     they parse, decode, unmarshal, marshal, encode, validate or convert
//     local data (Parse*, Unmarshal*, Decode*, Marshal*, Encode*,
//     Validate*, Convert*, Atoi, in any package: a rule about the callee's
//     role, since bad input is reported, not branched on); other
//     standard-library calls (strconv, encoding/json, net/url, time.Parse,
//     template parsing); packages that export no error sentinel or error
//     type, whose errors are text to their users; helpers of this package
//     that return only errors.New and fmt.Errorf errors of their own
//     (validation of a configuration, say).
//   - Causes of unknown origin: a parameter of an exported function or a
//     method, a field, a function value's result, a value received from a
//     channel. When in doubt, no report.
//   - Errors that do not leave the function to a caller: only logged or
//     printed, stored in a field or through a pointer, sent on a channel or
//     passed to another function. Where they end up is not known.
//   - Main packages: a command prints its errors and exits; no errors.Is
//     reads them. Their error types are not reported either.
//   - Unexported error types, and exported ones whose cause is set only from
//     parse, validation or opaque errors, or never set in the package.
//
// In every mode:
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
