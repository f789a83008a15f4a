// A select with default that receives is a deliberate decision not to wait
// (in main); select {} waits forever.
package main

import (
	"fmt"
	"os"
)

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	done := make(chan struct{})
	go func() {
		save()
		close(done)
	}()
	select {
	case <-done:
	default:
		fmt.Println("still saving, not waiting")
	}
	go func() { // want `main can end while this goroutine is still running`
		save()
	}()
	if len(os.Args) > 3 {
		return
	}
	select {}
}
