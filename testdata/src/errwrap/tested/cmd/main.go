// Package main is a command: its errors are printed before it exits.
package main

import (
	"context"
	"fmt"
	"os"
)

func run(ctx context.Context) error {
	if _, err := os.Open("x"); err != nil {
		return fmt.Errorf("open: %v", err)
	}
	return fmt.Errorf("run: %v", ctx.Err())
}

// Failure holds a cause without Unwrap, in a command.
type Failure struct{ Err error }

func (f *Failure) Error() string { return f.Err.Error() }

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Println(&Failure{Err: err})
		os.Exit(1)
	}
}
