// Near miss: an errgroup-like type, embedded, whose Wait is promoted.
package main

import (
	"os"
	"sync"
)

type pool struct {
	sync.WaitGroup
	name string
}

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	p := &pool{name: "p"}
	p.Add(1)
	go func() {
		defer p.Done()
		save()
	}()
	p.Wait()
}
