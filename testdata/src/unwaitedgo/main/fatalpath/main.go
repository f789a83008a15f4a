// Near miss: the only path without a wait ends in log.Fatal or os.Exit(1).
package main

import (
	"errors"
	"log"
	"os"
)

func save(s string) { _ = os.WriteFile("out", []byte(s), 0o600) }

func check() error { return errors.New("x") }

func fail(err error) {
	log.Println(err)
	os.Exit(1)
}

func main() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		save("x")
	}()
	if err := check(); err != nil {
		log.Fatal(err)
	}
	if len(os.Args) > 2 {
		fail(errors.New("usage")) // never returns
	}
	switch len(os.Args) {
	case 1:
		<-done
	default:
		panic("bad args")
	}
}
