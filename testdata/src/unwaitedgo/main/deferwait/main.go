// Near miss: the wait is deferred, before the go statements.
package main

import (
	"os"
	"sync"
)

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	var wg sync.WaitGroup
	defer wg.Wait()
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			save()
		}()
	}
}
