// Waiting on one branch only.
package main

import (
	"fmt"
	"os"
	"sync"
)

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `main can end while this goroutine is still running`
		defer wg.Done()
		save()
	}()
	if len(os.Args) > 1 {
		wg.Wait()
	}
	fmt.Println("end")
}
