// Package calls makes the calls whose end the test reports.
package calls

import (
	"log"
	. "os"
	"testing"

	"noreturn/other"
	"noreturn/upstream"
)

type shadow struct{}

func calls(t *testing.T, tb testing.TB, l *log.Logger, b *testing.B) {
	Exit(1)               // want `exit`
	log.Panicf("x")       // want `panic`
	l.Fatal("x")          // want `exit`
	t.Fatal("x")          // want `goexit`
	b.SkipNow()           // want `goexit`
	tb.Skipf("x")         // want `goexit`
	upstream.Die("x")     // want `exit`
	upstream.Quit()       // want `exit`
	upstream.Either(true) // want `noreturn`
	upstream.Maybe(true)
	other.Exit(1)
	other.Fatal("x")
	t.Log()
	fatal := log.Fatal
	fatal() // a function value: not followed
	{
		panic := func(any) {}
		panic("not the builtin")
	}
}
