package main

import (
	"context"
	"os"
)

// main's leaks end with the process.
func main() {
	ch := make(chan int)
	go func() { ch <- 1 }()
	if len(os.Args) > 1 {
		return
	}
	<-ch
}

// Other functions of package main are reported.
func helper(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- 1 }() // want `this send blocks forever when helper returns`
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
