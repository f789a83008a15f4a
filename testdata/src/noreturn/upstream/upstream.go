// Package upstream has helpers that never return.
package upstream

import (
	"log"
	xos "os"
	"runtime"
	"testing"
)

func Die(msg string) { // want Die:"noreturn\\(exit\\)"
	log.Fatal(msg)
}

func Quit() { // want Quit:"noreturn\\(exit\\)"
	xos.Exit(2)
}

func Boom() { // want Boom:"noreturn\\(panic\\)"
	panic("boom")
}

func Stop(t testing.TB) { // want Stop:"noreturn\\(goexit\\)"
	t.FailNow()
}

func End() { // want End:"noreturn\\(goexit\\)"
	runtime.Goexit()
}

// Either ends one way or the other.
func Either(b bool) { // want Either:"noreturn\\(noreturn\\)"
	if b {
		panic(1)
	}
	xos.Exit(1)
}

func Forever() { // want Forever:"noreturn\\(noreturn\\)"
	for {
	}
}

// Maybe returns when b is false.
func Maybe(b bool) {
	if b {
		xos.Exit(1)
	}
}

// Generic never returns whatever T is.
func Generic[T any](v T) { // want Generic:"noreturn\\(panic\\)"
	panic(v)
}

type Logger struct{}

func (Logger) Fatal(msg string) { // want Fatal:"noreturn\\(exit\\)"
	log.Fatalln(msg)
}
