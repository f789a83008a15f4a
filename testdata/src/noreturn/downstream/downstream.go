// Package downstream never returns through upstream's helpers.
package downstream

import "noreturn/upstream"

func Fail() { // want Fail:"noreturn\\(exit\\)"
	upstream.Die("x")
}

func Crash() { // want Crash:"noreturn\\(panic\\)"
	upstream.Generic(1)
}

func method(l upstream.Logger) { // want method:"noreturn\\(exit\\)"
	l.Fatal("x")
}

// Returns calls a helper that may return.
func Returns() {
	upstream.Maybe(true)
}

// recursive calls itself: not known to end.
func recursive() {
	recursive()
}
