// Package lib declares sentinels and error types used by the tests.
package lib // want package:"wraps\\(ErrNotFound\\)"

import (
	"errors"
	"fmt"
)

// ErrNotFound is a sentinel.
var ErrNotFound = errors.New("not found")

// ErrTimeout is another sentinel.
var ErrTimeout = errors.New("timeout")

// Code is an error type of string kind.
type Code string

func (c Code) Error() string { return string(c) }

// Nil is a constant, not a sentinel variable.
const Nil = Code("nil")

// Name is a package-level variable that is not an error.
var Name = "lib"

// NotFoundError is an error type.
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string { return e.Name + " not found" }

// Temporary is an interface that errors may implement.
type Temporary interface {
	error
	Temporary() bool
}

// Find wraps ErrNotFound.
func Find(name string) error { return fmt.Errorf("find %s: %w", name, ErrNotFound) }

// Load returns an error from elsewhere.
func Load() ([]byte, error) { return nil, Find("x") }

// Result carries an error in a field.
type Result struct{ Err error }

// Wait returns ErrTimeout itself: lib never wraps ErrTimeout.
func Wait() error { return ErrTimeout }

// Conn is a connection.
type Conn struct{}

// Request returns ErrTimeout itself.
func (*Conn) Request() ([]byte, error) { return nil, ErrTimeout }

// Picker is implemented by users, who may wrap ErrTimeout.
type Picker interface{ Pick() error }

// NumError records a failed conversion; Err is ErrTimeout or ErrNotFound.
type NumError struct{ Err error }

func (e *NumError) Error() string { return e.Err.Error() }
