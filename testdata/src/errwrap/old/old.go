//go:build go1.19

// Package old lowers its file's version with a build constraint. The type
// checker never puts a file below go1.21 that way (only a go.mod can: see
// package go119), so several %w are allowed and both verbs get a fix.
package old

import "fmt"

func two(a, b error) error {
	return fmt.Errorf("%v; %v", a, b) // want `formats the errors a and b with %v instead of wrapping them`
}
