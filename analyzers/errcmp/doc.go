// Package errcmp defines an Analyzer that reports errors.Is and errors.As
// calls that can never match and, under an option, error checks that fail
// once the error is wrapped.
//
// # Analyzer errcmp
//
// errcmp: report errors.Is and errors.As calls that can never match
//
// A call of errors.Is or errors.As whose target no error in any chain can
// match is always false: the branch it guards (the retry, the 404, the
// cleanup) is dead, in production and in the tests that should cover it.
// By default the analyzer reports these calls, of the errors package and
// of github.com/pkg/errors:
//   - is-never-matches: errors.Is calls whose target no error can equal:
//     &T{...} or new(T) when *T has no Is method, the result of
//     errors.New or fmt.Errorf, or a value of a type that is not
//     comparable and has no Is method (errors.Is uses ==, so it only
//     consults Is methods for such a target);
//   - as-never-matches: errors.As(err, &p) with p a *T, where T implements
//     error with a value receiver and is declared, unexported, in the
//     package, which never creates a *T: the chain holds T values and the
//     target can never be set. (go vet's errorsas reports the reverse
//     mistake, a T target when only *T implements error.)
//   - assert-never-matches: a type assertion err.(*T), or a concrete case
//     of a type switch on an error, where every error that may reach it
//     comes from functions that only return errors made by fmt.Errorf,
//     errors.New, errors.Join or github.com/pkg/errors (directly, through
//     local variables and unexported helpers, or through other such
//     functions, in any package, as a fact). Those errors are values of
//     types unexported in fmt and errors (*fmt.wrapError,
//     *errors.errorString...), so no assertion to a type of another
//     package can succeed: err := load(); if pe, ok := err.(*fs.PathError)
//     never runs its branch once load returns fmt.Errorf("load: %w", err).
//
// Under -errcmp.wrapped (see Options) it also reports checks that stop
// matching once the error is wrapped. Since Go 1.13 errors are wrapped as
// they travel up the stack: fmt.Errorf("load %s: %w", name, err),
// errors.Join, and most error libraries. A wrapped error is a new value.
// err == ErrNotFound is false for it, and err.(*NotFoundError) fails, so
// the branch meant for it silently stops running the day someone adds
// context to an error three calls away. errors.Is and errors.As walk the
// chain of wrapped errors and keep working. The option adds:
//   - compare: err == ErrX, err != ErrX and switch err { case ErrX: }, where
//     err is of an interface type that is an error and ErrX is a
//     package-level variable of an error type (of any package);
//   - assert: type assertions err.(*MyError) (with or without ok) and type
//     switches on an error with a case of a concrete type.
//
// # Example
//
//	if errors.Is(err, &NotFound{}) { ... }
//	if errors.Is(err, errors.New("not found")) { ... }
//
// Fixed:
//
//	var nf *NotFound
//	if errors.As(err, &nf) { ... }
//	if errors.Is(err, ErrNotFound) { ... } // a package-level sentinel
//
// Under -errcmp.wrapped:
//
//	if err == sql.ErrTxDone { ... }
//	if e, ok := err.(*os.PathError); ok { ... }
//
// Fixed:
//
//	if errors.Is(err, sql.ErrTxDone) { ... }
//	if e, ok := errors.AsType[*os.PathError](err); ok { ... }
//
// # Suggested fixes
//
// The never-matching errors.Is and errors.As targets have no automatic
// fix: which error to look for is a decision. A never-matching assertion
// e, ok := err.(*T) gets the fix of the assert rule below: errors.AsType
// (Go 1.26) or errors.As find the *T in the chain, which is what the
// branch was written for.
//
// Under -errcmp.wrapped, a comparison becomes errors.Is(err, ErrX), or
// !errors.Is(err, ErrX) for !=. A switch on a variable becomes a switch
// without a tag whose cases are errors.Is(err, ErrX) (and err == nil for
// case nil), when every case is nil or an error. An assertion
// e, ok := err.(*T) becomes e, ok := errors.AsType[*T](err) in files
// compiled with Go 1.26 or later; before Go 1.26, only the form
// if e, ok := err.(*T); ok { is rewritten, to
// if e := (*T)(nil); errors.As(err, &e) {, and only when ok is used nowhere
// else. The errors import is added when needed. A check in a deferred
// closure of a named result of the function (defer func() { if err ==
// ErrX { ... } }()) gets no fix: it tests exactly what the function
// returns, and errors.Is or errors.As would change what it catches. Type
// switches and assertions without ok have no automatic fix.
//
// # Options
//
//	-errcmp.wrapped=false
//	    also run the compare and assert rules: ==, != and switch on
//	    sentinel errors, type assertions and type switches on errors.
//	    Off by default: on 29 real modules they made 246 findings, of
//	    which 13 (5%) were worth a change (5 true bugs, 8 real risks).
//	    The rest were comparisons that are correct today because the
//	    error arrives unwrapped, by a library's contract (the error comes
//	    straight from its concrete call, an interface documents the
//	    sentinel) or by the convention of the project or of sibling
//	    packages of its module. It is a style rule, errorlint's comparison
//	    and assertion checks; turn it on in code that wraps errors freely.
//	    All of "Not reported" below about comparisons and assertions
//	    applies under it.
//
// # Not reported
//
//   - assert-never-matches: an error that may come from anywhere else: a
//     sentinel (its dynamic type is its initializer's business), a
//     function that returns another package's error as it is (os.Stat's
//     *fs.PathError), a &T{...} of the package, an interface method, a
//     function value, multierr (Append and Combine return a lone error as
//     it is), or a function that only returns nil. Assertions to interface
//     types, and any check in _test.go files.
//   - errors.Is(err, nil) and errors.Is(err, error(nil)): a nil target is
//     defined, errors.Is then reports whether err is nil.
//   - errors.Is targets of zero-sized types (&struct{}{}): distinct
//     pointers to zero-sized values may compare equal.
//   - errors.Is(err, errors.New(...)) in _test.go files: tests check that
//     a custom Is method does not match an unrelated error this way, and an
//     Is method in the chain can match anything.
//   - Code under //nolint:errcmp or //nolint:errorlint (errorlint reports
//     the same comparisons, so code reviewed under its name is not
//     reported again), and generated files.
//
// Otherwise the never-matches rules apply to _test.go files too, where an
// always-false check makes an assertion pass silently.
//
// Under -errcmp.wrapped, the compare and assert rules do not report:
//
//   - Comparisons and assertions in _test.go files: a test that compares
//     with == fails visibly when the error gets wrapped.
//   - Errors that come straight from a function whose contract is to return
//     the sentinel (or the error type) itself, unwrapped: io.EOF from any
//     Read, ReadAt, ReadByte or ReadRune method (the io interfaces require
//     it), from io.ReadFull, bufio.Reader, csv.Reader.Read,
//     json.Decoder.Decode and Token, tar.Reader.Next, fmt scanning and
//     gRPC-style stream Recv methods; sql.ErrNoRows from (*sql.Row).Scan;
//     http.ErrServerClosed from ListenAndServe, Serve and Shutdown;
//     context.Canceled and DeadlineExceeded from ctx.Err(); *os.PathError
//     from os file functions, *exec.ExitError from exec.Cmd, syscall.Errno
//     from syscall functions, *net.OpError from net.Dial and net.Listen,
//     *time.ParseError from time.Parse, user.UnknownUserError from
//     user.Lookup, filepath.ErrBadPattern from filepath.Match, and the
//     other entries of the table in contracts.go, each documented by the
//     standard library or guaranteed by its source. The error must be the call's result itself, or a local
//     variable whose reaching assignments (the last one before the check in
//     an enclosing block, and any later ones in branches or loops) all
//     come from such calls.
//   - io.EOF and io.ErrUnexpectedEOF compared with an error of unknown
//     origin (a parameter, a field, the result of a function value): the
//     io interfaces require them unwrapped and the ecosystem compares them
//     with ==; they are reported only when the error is known to come from
//     a call that is neither a reader nor code of the same project. The
//     same holds for context.Canceled and context.DeadlineExceeded, whose
//     main source is ctx.Err().
//   - A sentinel of another package compared with an error that comes
//     straight from a concrete function or method of that package (or of
//     the module being analyzed), when that package never passes the
//     sentinel to a wrapping function: err == nats.ErrTimeout right after
//     nc.Request, or ne.Err == strconv.ErrSyntax with ne a
//     *strconv.NumError (a field of an error type of the sentinel's
//     package). The package that defines the sentinel returns it as is,
//     and nothing stands between it and the comparison. Which sentinels a
//     package wraps travels as a package fact. Errors from interface
//     methods are still reported: their implementations may live anywhere
//     and wrap.
//   - filepath.SkipDir, SkipAll and their io/fs twins: filepath.Walk and
//     fs.WalkDir themselves compare them with ==, so they only work
//     unwrapped.
//   - Errors that come straight from a call of a function or method of the
//     same package, of a package-level function variable of it, or of an
//     internal package of the same tree: that code returns them, and the
//     project knows whether it wraps them (unless the package visibly wraps
//     that very sentinel, see below). Fields of struct types of the
//     package are trusted the same way: the package stores those errors.
//   - A parameter of an unexported function of the package that is only
//     called directly: the arguments of every call are followed instead.
//     A named result compared in a deferred closure is followed through
//     the function's return statements.
//   - A deferred closure that checks a named result of the function for a
//     sentinel (or a type) that the function itself returns or assigns to
//     it (return ErrX, return &T{...}): the closure tests for that return.
//     Otherwise the check is reported, without a fix (see Suggested
//     fixes).
//   - Sentinels of the package that it wraps somewhere, when every value
//     compared comes from a call of a function of the package that can
//     only return the sentinel itself: each of its returns is nil, a
//     sentinel, a fresh error, a value of an error type without Unwrap, or
//     the result of such a function, and a wrapping call there wraps
//     nothing that may hold the sentinel (err := parseHeader(b);
//     if err == errShort, with errShort wrapped only on other paths).
//   - An assertion or a type switch on an error inside a case of a type
//     switch on the same error (or on the variable it binds), or inside
//     the body of if _, ok := err.(*T); ok, when the outer check is
//     reported (it already tells about that value, and only it is
//     reported), or when the inner check asserts a type that the case or
//     the if already matched (the error is known to hold it). An inner
//     check for another type under an outer check that is not reported is
//     still reported.
//   - Sentinels of the package itself that it never passes to a wrapping
//     function (fmt.Errorf with %w, errors.Join, pkg/errors, multierr),
//     except when compared with a parameter of an exported function, whose
//     callers may have wrapped them. Likewise assertions to unexported
//     error types of the package when the package wraps no error at all.
//   - A package-level error asserted to its own type (ErrX.(*T)): it is
//     the variable itself.
//   - Results of errors.Unwrap, of an Unwrap method, or of pkg/errors'
//     Cause: unwrapping by hand compares one link of the chain on purpose.
//   - Comparisons and assertions inside Is and As methods: the target is
//     compared directly by design, and errors.Is there would recurse.
//   - Comparisons with nil, of two package-level variables, of values that
//     are not errors (recover() results), and with constants such as
//     go-redis' redis.Nil or syscall.ENOENT: only package-level variables
//     count as sentinels.
//   - Assertions to interface types (err.(interface{ Timeout() bool }),
//     err.(net.Error), the Unwrap interfaces): errors.As would need a
//     target of that interface anyway, and these probe behaviour.
//   - An assertion e, ok := err.(*T) backed by errors.As(err, &e) in the
//     same function: the assertion is only a fast path.
package errcmp
