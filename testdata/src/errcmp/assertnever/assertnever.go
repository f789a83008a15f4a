package assertnever

import (
	"errors"
	xfmt "fmt"
	"io/fs"
	"net"
	"os"

	"errcmp/freshlib"
	. "errcmp/freshlib"
)

type localErr struct{ code int }

func (e *localErr) Error() string { return "local" }

// open wraps every error of os.Open.
func open(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return xfmt.Errorf("open %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return xfmt.Errorf("close %s: %w", name, err)
	}
	return nil
}

// openRaw returns the error of Close as it is.
func openRaw(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return xfmt.Errorf("open %s: %w", name, err)
	}
	return f.Close()
}

// check wraps, or returns what open returned.
func check(name string) error {
	if name == "" {
		return errors.New("no name")
	}
	if err := open(name); err != nil {
		return err
	}
	return nil
}

func generic[T any](v T) error {
	return xfmt.Errorf("bad value %v", v)
}

func positives(name string) {
	err := freshlib.Load(name)
	if pe, ok := err.(*fs.PathError); ok { // want `type assertion to \*fs.PathError can never succeed: every error here comes from freshlib.Load, which only returns errors made by fmt.Errorf, errors.New or errors.Join`
		_ = pe.Path
	}
	if _, ok := open(name).(*fs.PathError); ok { // want `type assertion to \*fs.PathError can never succeed: every error here comes from open`
		return
	}
	if err := check(name); err != nil {
		switch e := err.(type) { // want `type switch cases \*fs.PathError, \*net.OpError can never match: every error here comes from check`
		case *fs.PathError:
			_ = e.Op
		case *net.OpError:
		case interface{ Timeout() bool }:
		}
	}
	if _, ok := LoadAll(name).(*freshlib.LibError); ok { // want `type assertion to \*freshlib.LibError can never succeed`
		return
	}
	l := &freshlib.Loader{}
	if _, ok := l.Load(name).(*fs.PathError); ok { // want `type assertion to \*fs.PathError can never succeed: every error here comes from \(\*freshlib.Loader\).Load|freshlib.Load`
		return
	}
	if _, ok := generic(1).(*localErr); ok { // want `type assertion to \*localErr can never succeed: every error here comes from generic`
		return
	}
	err = handle(freshlib.Load(name))
	_ = err
}

// handle is only called with errors that Load made.
func handle(err error) error {
	if le, ok := err.(*localErr); ok { // want `type assertion to \*localErr can never succeed`
		return le
	}
	return err
}

func nearMisses(name string, f func() error, load interface{ Load(string) error }) {
	if _, ok := freshlib.Mixed(name).(*freshlib.LibError); ok { // one path returns a *LibError
		return
	}
	if _, ok := freshlib.Passthrough(name).(*fs.PathError); ok { // os errors as they are
		return
	}
	if _, ok := freshlib.Sentinel().(*fs.PathError); ok { // a sentinel of unknown type
		return
	}
	if _, ok := f().(*fs.PathError); ok { // a function value
		return
	}
	if _, ok := load.Load(name).(*fs.PathError); ok { // an interface method
		return
	}
	err := freshlib.Load(name)
	if name == "x" {
		err = os.ErrNotExist // a sentinel may hold anything
	}
	if _, ok := err.(*fs.PathError); ok {
		return
	}
	err2 := freshlib.Load(name)
	if _, ok := err2.(interface{ Timeout() bool }); ok { // an interface: the wrapper may have the method
		return
	}
	var pe *fs.PathError
	if errors.As(freshlib.Load(name), &pe) { // walks the chain
		return
	}
	if _, ok := nilOnly().(*localErr); ok { // returns only nil: nothing to say
		return
	}
	if _, ok := Mixed(name).(*LibError); ok { // dot import, one path returns a *LibError
		return
	}
	if _, ok := openRaw(name).(*fs.PathError); ok { // Close's error as it is
		return
	}
	err3 := &localErr{}
	if _, ok := error(err3).(*localErr); ok {
		return
	}
}

func nilOnly() error { return nil }

func dotPositive(name string) {
	if _, ok := Load(name).(*LibError); ok { // want `type assertion to \*freshlib.LibError can never succeed: every error here comes from freshlib.Load`
		return
	}
}
