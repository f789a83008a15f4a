// Package dot shadows and renames: symbols, not spellings.
package dot

import (
	. "os"
	sig "os/signal"
)

func shadowedMake() {
	make := func(int) chan int { return nil }
	ch := make(0) // not the builtin
	for range ch {
	}
}

func shadowedClose() {
	close := func(chan int) {}
	ch := make(chan int)
	go func() { ch <- 1; close(ch) }() // a function value, which may close ch
	for range ch {
	}
}

func renamed() {
	s := make(chan Signal, 1)
	sig.Notify(s, Interrupt)
	for range s {
	}
}

type Chan chan int

type Alias = chan int

func namedTypes() {
	a := make(Chan)
	go func() { a <- 1 }()
	for range a { // want `range over a never ends`
	}
	b := make(Alias)
	go func() { b <- 1 }()
	for range b { // want `range over b never ends`
	}
}

func typeParam[C ~chan int]() {
	c := make(C)
	go func() { c <- 1 }()
	for range c { // a type parameter: not followed
	}
}
