package returns

import (
	"errors"
	"fmt"
	"io"
)

var errShort = errors.New("short")

var ErrExported = errors.New("exported")

func check(any, error) {}

func direct(n int) error {
	if n < 0 {
		return errShort
	}
	if n == 0 {
		return errors.New("zero")
	}
	return nil
}

func viaVar(n int) (err error) {
	err = direct(n)
	return
}

func wrapsOther(r io.Reader) error {
	if _, err := r.Read(nil); err != nil {
		return fmt.Errorf("read: %w", err) // an unexported sentinel cannot come from r
	}
	return direct(1)
}

func wrapsIt() error { return fmt.Errorf("ctx: %w", errShort) }

func wrapsHelper() error {
	if err := direct(-1); err != nil {
		return fmt.Errorf("ctx: %w", err)
	}
	return nil
}

func fromValue(f func() error) error { return f() }

func exportedFromReader(r io.Reader) error {
	_, err := r.Read(nil)
	return fmt.Errorf("read: %w", err) // may hold ErrExported
}

func probes() {
	check(direct, errShort)                // want `direct only returns errShort itself: true`
	check(viaVar, errShort)                // want `viaVar only returns errShort itself: true`
	check(wrapsOther, errShort)            // want `wrapsOther only returns errShort itself: true`
	check(wrapsIt, errShort)               // want `wrapsIt only returns errShort itself: false`
	check(wrapsHelper, errShort)           // want `wrapsHelper only returns errShort itself: false`
	check(fromValue, errShort)             // want `fromValue only returns errShort itself: false`
	check(exportedFromReader, ErrExported) // want `exportedFromReader only returns ErrExported itself: false`
}
