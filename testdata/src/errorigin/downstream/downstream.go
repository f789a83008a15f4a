package downstream // want package:"wraps\\(ErrOwn\\)" package:"returnsFresh\\(Both Own Recursive Text Through\\)"

// Package downstream wraps its own sentinel and upstream's: only its own
// goes in its fact.

import (
	"errors"
	"fmt"

	up "errorigin/upstream"
)

var ErrOwn = errors.New("own")

var ErrNever = errors.New("never wrapped")

func Own() error { return fmt.Errorf("own: %w", ErrOwn) }

func Both() error { return errors.Join(up.ErrPlain, ErrOwn) }

// Text formats ErrNever's text: not wrapped.
func Text() error { return fmt.Errorf("never: %s", ErrNever.Error()) }

func Never() error { return ErrNever }

// Through returns what upstream's Find returns: fresh, through its fact.
func Through() error {
	if err := up.Find(); err != nil {
		return err
	}
	return nil
}

// PlainThrough returns a sentinel of upstream.
func PlainThrough() error { return up.Plain() }

// Recursive is fresh on every path that ends.
func Recursive(n int) error {
	if n == 0 {
		return errors.New("zero")
	}
	return fmt.Errorf("level %d: %w", n, Recursive(n-1))
}
