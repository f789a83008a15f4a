// Dot imports: the Wait of a dot-imported WaitGroup.
package main

import (
	"os"
	. "sync"
)

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	var wg WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		save()
	}()
	wg.Wait()
	var once Once
	go once.Do(save)
	go func() { // want `main can end while this goroutine is still running`
		once.Do(save)
	}()
}
