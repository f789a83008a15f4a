// Generic functions: goroutines and waits through instantiations.
package main

import "os"

func save[T any](v T) { _ = os.WriteFile("out", []byte("x"), 0o600); _ = v }

func await[T any](ch <-chan T) T {
	return <-ch
}

func main() {
	done := make(chan int)
	go func() {
		save(1)
		done <- 1
	}()
	await(done)
	go save[string]("x") // want `main can end while this goroutine is still running`
}
