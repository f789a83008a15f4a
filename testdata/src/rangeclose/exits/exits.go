// Package exits has the loops whose way out is a call that never returns,
// decided by symbol rather than by name.
package exits

import (
	"log"

	"rangeclose/exits/logx"
)

// die always ends the process: the loop has a way out.
func die(msg string) {
	log.Fatal(msg)
}

func viaHelper() {
	a := make(chan int)
	go func() { a <- 1 }()
	for range a {
		die("x")
	}
}

// logx.Fatal only records: it returns, so the loop still never ends.
func nearMiss() {
	b := make(chan int)
	go func() { b <- 1 }()
	for range b { // want `range over b never ends`
		logx.Fatal("x")
	}
	c := make(chan int)
	go func() { c <- 1 }()
	for range c { // want `range over c never ends`
		logx.Exit(1)
	}
}
