// Package dot reaches fmt and errors under other names.
package dot

import (
	stderrors "errors"
	. "fmt"
	format "fmt"
)

type myError = error

func renamed(err myError) []error {
	f := format.Errorf
	return []error{
		format.Errorf("renamed: %v", err),        // want `fmt.Errorf formats the error err with %v`
		Errorf("dot: %v", err),                   // want `fmt.Errorf formats the error err with %v`
		stderrors.New("renamed: " + err.Error()), // want `errors.New builds a new error from the text of err`
		f("method value: %v", err),               // a function value: not resolved statically
		format.Errorf("renamed: %w", err),
	}
}

// Println is a local function: not fmt.Println.
func local(err error) {
	Println(err)
}
