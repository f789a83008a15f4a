// Package main is a command: its errors are printed before it exits, so
// even a lost context error is not reported.
package main

import (
	"context"
	"fmt"
	"os"
)

func run(ctx context.Context) error {
	return fmt.Errorf("run: %v", ctx.Err())
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
