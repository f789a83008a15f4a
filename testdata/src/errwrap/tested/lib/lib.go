// Package lib is a library checked with -errwrap.causes=tested: it reports
// the causes that its callers can test for.
package lib

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/url"
	stdos "os"
	"strconv"

	"example.com/precise/dep"
	"example.com/precise/plain"
)

var ErrClosed = errors.New("closed")

// ---- causes callers test for ----

func waitDone(ctx context.Context) error {
	<-ctx.Done()
	return fmt.Errorf("wait: %v", ctx.Err()) // want `hides the context error from ctx.Err\(\) from errors.Is`
}

func waitCause(ctx context.Context) error {
	err := context.Cause(ctx)
	return errors.New("wait: " + err.Error()) // want `errors.New builds a new error from the text of err: the context error from context.Cause\(\) is lost`
}

func dial(addr string) (net.Conn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %s", addr, err) // want `hides the net error from net.Dial`
	}
	return conn, nil
}

func open(name string) (err error) {
	f, openErr := stdos.Open(name)
	if openErr != nil {
		err = fmt.Errorf("open: %v", openErr) // want `hides the os error from os.Open`
		return
	}
	return f.Close()
}

func fetch() error {
	if err := dep.Fetch("k"); err != nil {
		return fmt.Errorf("fetch: %v", err) // want `hides the errors of package dep \(it exports sentinels such as dep.ErrGone\) from`
	}
	return nil
}

func closed() error { return ErrClosed }

func useHelper() error {
	if err := closed(); err != nil {
		return fmt.Errorf("use: %v", err) // want `hides the sentinel lib.ErrClosed \(returned by lib.closed\) from`
	}
	return nil
}

func waitWrapped(ctx context.Context) error { return fmt.Errorf("wait: %w", ctx.Err()) }

func useWait(ctx context.Context) error {
	if err := waitWrapped(ctx); err != nil {
		return fmt.Errorf("use: %s", err.Error()) // want `hides the context error from ctx.Err\(\) \(returned by lib.waitWrapped\)`
	}
	return nil
}

func sentinel() error {
	err := ErrClosed
	return fmt.Errorf("state: %v", err) // want `hides the sentinel lib.ErrClosed from`
}

func gather(ctx context.Context) error {
	var errs []error
	errs = append(errs, fmt.Errorf("step: %v", ctx.Err())) // want `hides the context error`
	return errors.Join(errs...)
}

// ---- near misses: causes nobody branches on ----

func atoi(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("port %q: %v", s, err)
	}
	return n, nil
}

func decode(b []byte) error {
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("decode: %v", err)
	}
	return nil
}

func parseURL(s string) error {
	if _, err := url.Parse(s); err != nil {
		return fmt.Errorf("url: %v", err)
	}
	return nil
}

func parseKey(s string) error {
	if _, err := dep.ParseKey(s); err != nil {
		return fmt.Errorf("key: %v", err) // a parsing helper of a dependency
	}
	return nil
}

// Wrap gets its error from callers, whom the analyzer cannot see.
func Wrap(err error) error {
	return fmt.Errorf("wrap: %v", err)
}

type Config struct{ Port int }

func (c Config) check() error {
	if c.Port < 0 {
		return errors.New("negative port")
	}
	return nil
}

func validate(c Config) error {
	if err := c.check(); err != nil {
		return fmt.Errorf("invalid config: %v", err) // check returns anonymous errors
	}
	return nil
}

func load() error {
	if err := plain.Load("x"); err != nil {
		return fmt.Errorf("load: %v", err) // plain exports no error identities
	}
	return nil
}

func logged(ctx context.Context) {
	err := fmt.Errorf("cancelled: %v", ctx.Err())
	log.Print(err) // only logged: the built error reaches no caller
}

func kept(ctx context.Context, out *error) {
	*out = fmt.Errorf("cancelled: %v", ctx.Err()) // stored, not returned: not sure
}

// ---- error types ----

// DialError holds a net error.
type DialError struct { // want `error type DialError holds its cause in field Err but has no Unwrap method.*the cause it holds \(the net error from net.Dial\) to retry`
	Addr string
	Err  error
}

func (e *DialError) Error() string { return e.Addr + ": " + e.Err.Error() }

func dialTyped(addr string) error {
	if _, err := net.Dial("tcp", addr); err != nil {
		return &DialError{Addr: addr, Err: err}
	}
	return nil
}

// OpError holds what callers of NewOpError pass in.
type OpError struct { // want `error type OpError holds its cause in field Err.*errors that callers of lib.NewOpError pass in`
	Op  string
	Err error
}

func (e *OpError) Error() string { return e.Op + ": " + e.Err.Error() }

func NewOpError(op string, err error) error { return &OpError{op, err} }

// SyntaxError holds parse errors only.
type SyntaxError struct {
	Line int
	Err  error
}

func (e *SyntaxError) Error() string { return strconv.Itoa(e.Line) + ": " + e.Err.Error() }

func parseLine(n int, s string) error {
	if _, err := strconv.Atoi(s); err != nil {
		return &SyntaxError{Line: n, Err: err}
	}
	return nil
}

// netErr is unexported: the package's own business.
type netErr struct{ err error }

func (e *netErr) Error() string { return e.err.Error() }

func dialUnexported(addr string) error {
	if _, err := net.Dial("tcp", addr); err != nil {
		return &netErr{err}
	}
	return nil
}
