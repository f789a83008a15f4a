// Package settled holds checks that the code around them settles: helpers
// that return a sentinel unwrapped, nested assertions and deferred checks.
package settled

import (
	"errors"
	"fmt"
	"strconv"
)

// errShort is wrapped somewhere in the package (see wrapShort), but not by
// the helpers that the comparisons below call.
var errShort = errors.New("short")

func wrapShort() error { return fmt.Errorf("frame: %w", errShort) }

// parseHeader returns errShort itself on every path.
func parseHeader(b []byte) error {
	if len(b) < 4 {
		return errShort
	}
	if _, err := strconv.Atoi(string(b)); err != nil {
		return fmt.Errorf("header: %w", err) // wraps a strconv error, never errShort
	}
	return nil
}

// readFrame returns what parseHeader returns, through a variable.
func readFrame(b []byte) (n int, err error) {
	err = parseHeader(b)
	if err != nil {
		return 0, err
	}
	return len(b), nil
}

// decode wraps whatever parseHeader returns, errShort included.
func decode(b []byte) error {
	if err := parseHeader(b); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}

// fresh may return a sentinel from a function value: unknown.
func fresh(f func() error) error { return f() }

func helpers(b []byte) {
	if err := parseHeader(b); err == errShort {
		return
	}
	if _, err := readFrame(b); err == errShort {
		return
	}
	// Near misses: decode wraps errShort, wrapShort wraps it, and fresh
	// returns what a function value returns.
	if err := decode(b); err == errShort { // want `error compared with errShort`
		return
	}
	if err := wrapShort(); err == errShort { // want `error compared with errShort`
		return
	}
	if err := fresh(wrapShort); err != nil && err == errShort { // want `error compared with errShort`
		return
	}
}
