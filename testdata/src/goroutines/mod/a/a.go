// Package a starts goroutines in every way the pass knows.
package a

import (
	"sync"

	eg "golang.org/x/sync/errgroup"
)

type worker struct{}

func (worker) run() error { return nil }

func job() {}

// Group is an alias: its methods are errgroup's.
type Group = eg.Group

type embeds struct{ sync.WaitGroup }

func starts(g *Group, w worker, e *embeds) {
	go job()                             // want `go runs job`
	go func() {}()                       // want `go runs a literal`
	go (func() {})()                     // want `go runs a literal`
	g.Go(w.run)                          // want `errgroup.Group.Go runs run`
	g.TryGo(func() error { return nil }) // want `errgroup.Group.TryGo runs a literal`
	var wg sync.WaitGroup
	wg.Go(job)      // want `sync.WaitGroup.Go runs job`
	e.Go(func() {}) // want `sync.WaitGroup.Go runs a literal`
	generic[int](g)
}

func generic[T any](g *eg.Group) {
	g.Go(runT[T]) // want `errgroup.Group.Go runs runT`
}

func runT[T any]() error { return nil }

// Go is a near miss: a method named Go of another type starts nothing.
type pool struct{}

func (pool) Go(f func()) { f() }

func nearMiss(p pool) {
	p.Go(func() {})
	start := (&sync.WaitGroup{}).Go
	start(job) // a method value called later: not followed
}
