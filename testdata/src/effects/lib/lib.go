package lib // want package:`Expr: writes\(\) adds\(0\); Fill: writes\(0\[\]\) adds\(1\); Generic: writes\(0.Hits\); Stats.Record: writes\(-1.Hits -1.ByKey\[\]\); Stats.Start: writes\(\) adds\(-1.2\); Stats.Value: writes\(-1.ByKey\[\]\)`

// Package lib has functions whose effects its importers see as facts.

import (
	"sync"
	"sync/atomic"
)

var Total int

// Stats counts without a lock.
type Stats struct {
	Hits  int
	ByKey map[string]int
	wg    sync.WaitGroup
	n     atomic.Int64
	mu    sync.Mutex
}

func (s *Stats) Record(key string) {
	s.Hits++
	s.ByKey[key]++
}

func (s *Stats) Start() {
	s.wg.Add(1)
}

// Locked: a lock anywhere drops the writes.
func (s *Stats) Locked() {
	s.mu.Lock()
	s.Hits++
	s.mu.Unlock()
}

// Atomic: an atomic operation may order the writes.
func (s *Stats) Atomic() {
	s.n.Add(1)
	s.Hits++
}

// Value: a value receiver writes its copy, except through a map.
func (s Stats) Value(key string) {
	s.Hits++
	s.ByKey[key] = 1
}

func Bump() {
	Total++
}

func Fill(m map[string]bool, wg *sync.WaitGroup, n int) {
	delete(m, "x")
	wg.Add(n)
	wg.Add(-1) // cannot be positive
	wg.Add(0)
}

func Expr(wg *sync.WaitGroup) {
	(*sync.WaitGroup).Add(wg, 1)
}

// Later writes only in a literal: it runs at another time.
func Later(s *Stats) func() {
	return func() { s.Hits++ }
}

// Local writes a local copy and a parameter itself.
func Local(s *Stats, n int) {
	n++
	c := *s
	c.Hits = n
	s = nil
	_ = s
}

func unexported(s *Stats) { s.Hits = 0 }

// Generic has effects like any other function.
func Generic[T any](s *Stats, v T) {
	s.Hits = 1
}
