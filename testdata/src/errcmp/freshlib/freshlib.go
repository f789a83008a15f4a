// Package freshlib returns errors for the assert-never-matches tests of
// another package, which see its functions through facts.
package freshlib

import (
	"errors"
	"fmt"
	"os"
)

// LibError is an error type of this package.
type LibError struct{}

func (*LibError) Error() string { return "lib" }

// Load wraps every error it returns.
func Load(name string) error {
	if _, err := os.Stat(name); err != nil {
		return fmt.Errorf("load %s: %w", name, err)
	}
	if name == "" {
		return errors.New("empty name")
	}
	return nil
}

// LoadAll joins the errors of Load, or returns one of Load's as it is.
func LoadAll(names ...string) error {
	var errs []error
	for _, n := range names {
		if err := Load(n); err != nil {
			if len(names) == 1 {
				return err
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Mixed returns a *LibError on one path.
func Mixed(name string) error {
	if name == "" {
		return &LibError{}
	}
	return fmt.Errorf("mixed: %w", os.ErrNotExist)
}

// Passthrough returns the errors of os as they are.
func Passthrough(name string) error {
	_, err := os.Stat(name)
	return err
}

// Sentinel returns a sentinel, whose dynamic type is its own business.
func Sentinel() error {
	return os.ErrNotExist
}

// Loader has a method that wraps.
type Loader struct{ Dir string }

// Load wraps every error it returns.
func (l *Loader) Load(name string) error {
	return fmt.Errorf("%s: %w", l.Dir, Load(name))
}
