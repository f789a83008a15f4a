// Package callslib has methods that write their receiver, for the calls
// tests of another package, which see them through facts.
package callslib

import "sync"

// Stats counts without a lock.
type Stats struct {
	Hits  int
	ByKey map[string]int
}

// Record writes two fields of the receiver.
func (s *Stats) Record(key string) {
	s.Hits++
	s.ByKey[key]++
}

// Locked holds a mutex: its writes are serialised.
type Locked struct {
	mu   sync.Mutex
	hits int
}

// Record locks first.
func (l *Locked) Record() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hits++
}

// Fill writes the map it is given.
func Fill(m map[string]bool, key string) {
	m[key] = true
}

// Value has a value receiver: it writes its own copy.
type Value struct{ n int }

// Bump writes the copy.
func (v Value) Bump() int {
	v.n++
	return v.n
}
