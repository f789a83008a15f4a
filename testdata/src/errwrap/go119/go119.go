// Package go119 is a module at go 1.19, whose fmt.Errorf accepts one %w:
// a call that loses two errors gets no fix, a call that loses one does.
package go119

import "fmt"

func two(a, b error) error {
	return fmt.Errorf("%v; %v", a, b) // want `formats the errors a and b with %v instead of wrapping them`
}

func one(a error) error {
	return fmt.Errorf("one: %v", a) // want `the error a with %v`
}
