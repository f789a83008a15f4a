// Renamed imports and the os.Exit(0) of a renamed os.
package main

import (
	goos "os"
	gosync "sync"
)

func save() { _ = goos.WriteFile("out", nil, 0o600) }

func main() {
	var wg gosync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		save()
	}()
	wg.Wait()
	go save() // want `main can end while this goroutine is still running: when main calls os.Exit\(0\)`
	goos.Exit(0)
}
