package downstream // want package:"wraps\\(ErrOwn\\)"

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
