// Near miss of conditional: every branch waits, in its own way.
package main

import (
	"fmt"
	"os"
)

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	done := make(chan bool)
	go func() {
		save()
		done <- true
	}()
	switch {
	case len(os.Args) > 2:
		<-done
	case len(os.Args) > 1:
		fmt.Println(<-done)
	default:
		if ok := <-done; !ok {
			return
		}
	}
}
