// Facts from another package.
package main

import (
	"os"

	"unwaitedgo/lib"
)

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	done := make(chan int)
	go func() {
		save()
		close(done)
	}()
	lib.Drain(done)
	go save()
	lib.Shutdown()
	go save()
	_ = (&lib.Server{}).Start()
	go save()
	_ = lib.Keep[int](done)
	go save() // want `main can end while this goroutine is still running`
	lib.Log("bye")
}
