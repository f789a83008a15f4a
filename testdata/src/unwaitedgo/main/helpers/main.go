// Waits through functions of the same package, computed transitively; a
// helper that does not wait does not count.
package main

import (
	"fmt"
	"os"
	"sync"
)

var wg sync.WaitGroup

func save() { _ = os.WriteFile("out", nil, 0o600) }

func shutdown() {
	flush()
}

func flush() {
	fmt.Println("flushing")
	wg.Wait()
}

func report() { fmt.Println("report") }

func spawnAndForget() {
	go save() // want `spawnAndForget can return while this goroutine is still running, and main, which calls spawnAndForget at line 39, then returns without waiting for it`
}

func main() {
	wg.Add(1)
	go func() {
		defer wg.Done()
		save()
	}()
	shutdown()
	go save() // want `main can end while this goroutine is still running`
	report()
	spawnAndForget()
}
