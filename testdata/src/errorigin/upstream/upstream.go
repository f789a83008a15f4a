package upstream // want package:"wraps\\(ErrWrapped\\)" package:"returnsFresh\\(Find Logged\\)"

// Package upstream wraps one of its sentinels and returns the others as
// they are.

import (
	"errors"
	wrap "fmt" // a renamed import still wraps
)

var ErrWrapped = errors.New("wrapped")

var ErrPlain = errors.New("plain")

// Alias is another name for error: its variables are sentinels too.
type Alias = error

var ErrAliased Alias = errors.New("aliased")

func Find() error { return wrap.Errorf("find: %w", ErrWrapped) }

func Plain() error { return ErrPlain }

// Logged prints ErrPlain with %v: not wrapped.
func Logged() error { return wrap.Errorf("plain: %v", ErrPlain) }

func Aliased() Alias { return ErrAliased }
