package a

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"

	"errcmp/internal/rd"
	"errcmp/lib"
)

// ---- compare: positives ----

func param(err error) bool {
	return err == lib.ErrNotFound // want `error compared with lib.ErrNotFound using ==: once lib.ErrNotFound is wrapped`
}

func paramNeq(err error) bool {
	return err != lib.ErrNotFound // want `error compared with lib.ErrNotFound using !=`
}

func reversed(err error) bool {
	return lib.ErrNotFound == err // want `error compared with lib.ErrNotFound`
}

func fromOtherPackage() {
	err := lib.Find("x")
	if err == lib.ErrNotFound { // want `error compared with lib.ErrNotFound`
		fmt.Println("404")
	}
}

func eofFromNonReader() {
	_, err := lib.Load()
	if err == io.EOF { // want `error compared with io.EOF`
		return
	}
}

func osWraps() {
	_, err := os.Open("x")
	if err == fs.ErrNotExist { // want `error compared with fs.ErrNotExist`
		return
	}
}

func netClosedFromRead(c net.Conn, b []byte) {
	// Read returns io.EOF itself, but net.ErrClosed inside a *net.OpError.
	_, err := c.Read(b)
	if err == net.ErrClosed { // want `error compared with net.ErrClosed`
		return
	}
}

func reassignedFromUnknown(r io.Reader, b []byte) {
	_, err := r.Read(b)
	err = lib.Find("x")
	if err == io.EOF { // want `error compared with io.EOF`
		return
	}
}

func assignedInBranch(r io.Reader, b []byte, retry bool) {
	_, err := r.Read(b)
	if retry {
		err = lib.Find("x")
	}
	if err == io.EOF { // want `error compared with io.EOF`
		return
	}
}

func contextFromOther() {
	err := lib.Find("x")
	if err == context.Canceled { // want `error compared with context.Canceled`
		return
	}
}

func switchParam(err error) int {
	switch err { // want `switch compares the error with lib.ErrNotFound, lib.ErrTimeout using ==`
	case nil:
		return 200
	case lib.ErrNotFound:
		return 404
	case lib.ErrTimeout:
		return 504
	}
	return 500
}

func field(r lib.Result) bool {
	return r.Err == lib.ErrTimeout // want `error compared with lib.ErrTimeout`
}

// ErrLocal is an exported sentinel of this package.
var ErrLocal = errors.New("local")

// OwnExportedOnParam is exported: its callers may pass wrapped errors.
func OwnExportedOnParam(err error) bool {
	return err == ErrLocal // want `error compared with ErrLocal`
}

var errWrapped = errors.New("wrapped")

func wrapsIt() error { return fmt.Errorf("ctx: %w", errWrapped) }

func ownWrappedSentinel() {
	// The package wraps errWrapped itself: the comparison is a real bug
	// even though the error comes from this package.
	if err := wrapsIt(); err == errWrapped { // want `error compared with errWrapped`
		return
	}
}

// ---- compare: negatives ----

func readEOF(r io.Reader, b []byte) {
	for {
		_, err := r.Read(b)
		if err == io.EOF {
			return
		}
	}
}

func readCloserEOF(rc io.ReadCloser, b []byte) {
	_, err := rc.Read(b)
	if err != nil && err != io.EOF {
		return
	}
}

type myReader interface{ io.Reader }

func embeddedReader(r myReader, b []byte) {
	if _, err := r.Read(b); err == io.EOF {
		return
	}
}

func bytesReader(r *bytes.Reader, b []byte) {
	if _, err := r.Read(b); err == io.EOF {
		return
	}
}

func bufioReader(r *bufio.Reader) {
	line, err := r.ReadString('\n')
	if err == io.EOF {
		fmt.Println(line)
	}
}

func readFull(r io.Reader, b []byte) {
	_, err := io.ReadFull(r, b)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return
	}
}

func csvRead(r *csv.Reader) {
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		fmt.Println(rec)
	}
}

func jsonDecode(d *json.Decoder, v any) {
	if err := d.Decode(v); err == io.EOF {
		return
	}
}

func rowScan(db *sql.DB) {
	var n int
	err := db.QueryRow("select 1").Scan(&n)
	if err == sql.ErrNoRows {
		return
	}
}

func serve(srv *http.Server) {
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		panic(err)
	}
}

func ctxErr(ctx context.Context) {
	if ctx.Err() == context.Canceled || ctx.Err() == context.DeadlineExceeded {
		return
	}
	err := ctx.Err()
	if err == context.DeadlineExceeded {
		return
	}
}

func walker(fn filepath.WalkFunc, info fs.FileInfo) error {
	err := fn("x", info, nil)
	if err == filepath.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

// Issue polyfloyd/go-errorlint#49: the variable is reused, the last
// assignment is a Read.
func reused(b []byte) {
	r, _, err := os.Pipe()
	_, err = r.Read(b)
	if err == io.EOF {
		fmt.Println(err)
	}
}

func switchOnRead(r io.Reader, b []byte) {
	_, err := r.Read(b)
	switch err {
	case nil:
	case io.EOF:
		return
	}
}

func nilChecks(err error) bool {
	return err == nil || nil != err
}

func twoSentinels() bool {
	return lib.ErrNotFound == lib.ErrTimeout
}

func constant(err error) bool {
	return err == lib.Nil // a constant, as go-redis' redis.Nil
}

func notAnError(s string) bool { return s == lib.Name }

func recovered() {
	if r := recover(); r == http.ErrAbortHandler {
		panic(r)
	}
}

var errPrivate = errors.New("private")

func private() error { return errPrivate }

func ownUnexported(err error) bool {
	// Only this package makes errPrivate and it never wraps it.
	return err == errPrivate
}

func ownCall() {
	if err := ownFind(); err == ErrLocal {
		return
	}
}

func ownFind() error { return ErrLocal }

func unwrapLoop(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if e == lib.ErrNotFound {
			return true
		}
	}
	return false
}

type isErr struct{ code int }

func (e *isErr) Error() string { return "is" }

func (e *isErr) Is(target error) bool {
	switch target {
	case lib.ErrNotFound:
		return e.code == 404
	}
	_, ok := target.(*lib.NotFoundError)
	return ok || target == lib.ErrTimeout
}

func (e *isErr) As(target any) bool {
	if t, ok := target.(*error); ok && *t == lib.ErrNotFound {
		return true
	}
	return false
}

func suppressed(err error) bool {
	return err == lib.ErrNotFound //nolint:errcmp // deliberate identity check
}

// ---- assert: positives ----

func assertParam(err error) string {
	if e, ok := err.(*lib.NotFoundError); ok { // want `type assertion of an error to \*lib.NotFoundError`
		return e.Name
	}
	return ""
}

func assertNoOk(err error) string {
	return err.(*lib.NotFoundError).Name // want `type assertion of an error to \*lib.NotFoundError`
}

func typeSwitch(err error) int {
	switch e := err.(type) { // want `type switch on an error checks \*lib.NotFoundError, \*exec.ExitError directly`
	case nil:
		return 0
	case *lib.NotFoundError:
		return len(e.Error())
	case *exec.ExitError:
		return 1
	case lib.Temporary:
		return 2
	}
	return 3
}

func pathErrorFromOther() {
	_, err := lib.Load()
	if _, ok := err.(*fs.PathError); ok { // want `type assertion to \*fs.PathError can never succeed: every error here comes from lib.Load`
		return
	}
}

// ---- assert: negatives ----

func assertInterface(err error) bool {
	if t, ok := err.(lib.Temporary); ok {
		return t.Temporary()
	}
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return len(u.Unwrap()) > 0
	}
	_, ok := err.(net.Error)
	return ok
}

func typeSwitchInterfaces(err error) {
	switch err.(type) {
	case interface{ Unwrap() error }, interface{ Unwrap() []error }:
	case nil:
	}
}

func pathErrorFromOpen() {
	_, err := os.Open("x")
	if pe, ok := err.(*os.PathError); ok {
		fmt.Println(pe.Path)
	}
}

func exitError(cmd *exec.Cmd) {
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			fmt.Println(ee.ExitCode())
		}
	}
}

type ownErr struct{}

func (ownErr) Error() string { return "own" }

func makeOwn() error { return ownErr{} }

func assertOwn() {
	if _, ok := makeOwn().(ownErr); ok {
		return
	}
}

func notError(v any) {
	_ = v.(*lib.NotFoundError)
}

// ---- shapes found in real code ----

// A field of a struct of this package: the package stores the error itself.
type object struct{ prevErr error }

func (o *object) seek() bool { return o.prevErr == io.EOF }

// A package-level function variable of this package (swapped by tests).
var readAll = func(r io.Reader) ([]byte, error) { return lib.Load() }

func funcVar(r io.Reader) {
	if _, err := readAll(r); err == io.EOF {
		return
	}
}

// A named result assigned from a Read.
func (o *object) Read(b []byte) (n int, err error) {
	n, err = os.Stdin.Read(b)
	if err, ok := err.(net.Error); ok && err.Timeout() {
		err = nil // the inner err
		_ = err
	}
	if err != nil && err != io.EOF {
		return n, err
	}
	return n, nil
}

// A named result seen from a deferred closure holds whatever is returned.
func deferred() (err error) {
	defer func() {
		if err == io.EOF { // want `error compared with io.EOF`
			err = nil
		}
	}()
	return lib.Find("x")
}

// A parameter of an unexported function whose every call passes a Read
// result.
func isEnd(err error) bool { return err == io.EOF }

func callsIsEnd(r io.Reader, b []byte) bool {
	_, err := r.Read(b)
	return isEnd(err)
}

// One caller passes an error of unknown wrapping.
func isTimeout(err error) bool {
	return err == lib.ErrTimeout // want `error compared with lib.ErrTimeout`
}

func callsIsTimeout(r io.Reader, b []byte) bool {
	_, err := r.Read(b)
	return isTimeout(err) || isTimeout(lib.Find("x"))
}

// An error asserted to its own type is the variable itself.
var errTyped error = &lib.NotFoundError{Name: "x"}

func sentinelAsserted() string { return errTyped.(*lib.NotFoundError).Name }

// An unexported error type of this package that it never wraps.
type codeErr struct{ code int }

func (e *codeErr) Error() string { return "code" }

func newCodeErr() error { return &codeErr{code: 1} }

func ownType(err error) int {
	if ce, ok := err.(*codeErr); ok {
		return ce.code
	}
	return 0
}

// Unexported sentinel, but the exported function's callers may wrap it.
func OwnUnexportedExported(err error) bool {
	return err == errPrivate // want `error compared with errPrivate`
}

func xmlDecode(d *xml.Decoder, v any, se xml.StartElement) {
	if err := d.DecodeElement(v, &se); err == io.EOF {
		return
	}
}

func internalCall() {
	if _, err := rd.Next(); err == io.EOF {
		return
	}
}

// An unexported error type of this package that it wraps: asserting it
// breaks.
type wrappedErr struct{}

func (wrappedErr) Error() string { return "wrapped" }

func wrapsWrappedErr() error { return fmt.Errorf("ctx: %w", wrappedErr{}) }

func assertWrapped(err error) bool {
	_, ok := err.(wrappedErr) // want `type assertion of an error to wrappedErr`
	return ok
}

// The variable is set to the sentinel itself on one path.
func setToSentinel(r io.Reader, b []byte) {
	n, err := io.ReadFull(r, b)
	if n > 0 && err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	if err == io.EOF {
		return
	}
}

// A deferred closure sees what the function returns: here only Read
// results, the sentinel itself and nil.
func deferredRead(r io.Reader, b []byte) (err error) {
	defer func() {
		if err != nil && err != io.EOF {
			fmt.Println(err)
		}
	}()
	if len(b) == 0 {
		return io.EOF
	}
	_, err = r.Read(b)
	if err != nil {
		return err
	}
	return nil
}

// io.EOF of unknown origin is almost always the real one: not reported.
func eofParam(err error) bool { return err == io.EOF }

// A fresh error that wraps nothing is simply not the sentinel.
func freshOrRead(r io.Reader, b []byte) (err error) {
	defer func() {
		if err != nil && err != io.EOF {
			fmt.Println(err)
		}
	}()
	if len(b) == 0 {
		return errors.New("empty")
	}
	_, err = r.Read(b)
	return err
}

// But a wrapping fmt.Errorf may hide the sentinel.
func wrappedOrRead(r io.Reader, b []byte) (err error) {
	defer func() {
		if err != nil && err != io.EOF { // want `error compared with io.EOF`
			fmt.Println(err)
		}
	}()
	if len(b) == 0 {
		return fmt.Errorf("read: %w", lib.Find("x"))
	}
	_, err = r.Read(b)
	return err
}
