package a

import (
	"sync"
)

type cache struct {
	mu    sync.Mutex
	byKey map[string]int
}

// Goroutines that write one map: a fatal error, not just a race.
func mapWrites(keys []string, c *cache) map[string]int {
	seen := map[string]int{}
	counts := make(map[string]int)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen[k] = len(k)   // want `^goroutines started in this loop all write map seen without holding a lock: concurrent map writes stop the whole process with "fatal error: concurrent map writes"`
			counts[k]++        // want `all write map counts without holding a lock`
			delete(c.byKey, k) // want `all write map c.byKey without holding a lock`
		}()
	}
	wg.Wait()
	return seen
}

// Generic maps too.
func genericWrites[K comparable](keys []K) map[K]bool {
	m := map[K]bool{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[k] = true // want `all write map m without holding a lock`
		}()
	}
	wg.Wait()
	return m
}

// Near misses.

// Under a lock.
func lockedWrites(keys []string, c *cache) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.mu.Lock()
			c.byKey[k] = 1
			c.mu.Unlock()
		}()
	}
	wg.Wait()
}

// Reads only: concurrent reads of a map are safe.
func mapReads(keys []string, m map[string]int) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = m[k]
		}()
	}
	wg.Wait()
}

// A map of each goroutine's own.
func ownMap(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[string]int{}
			local[k] = 1
		}()
	}
	wg.Wait()
}

// Slices indexed per goroutine are separate slots.
func sliceSlots(keys []string) []int {
	out := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = len(k)
		}()
	}
	wg.Wait()
	return out
}

// The goroutine waits for its turn first (a token passed on a channel).
func mapTokenRing(keys []string) {
	m := map[string]int{}
	token := make(chan struct{}, 1)
	token <- struct{}{}
	for _, k := range keys {
		go func() {
			<-token
			m[k] = 1
			token <- struct{}{}
		}()
	}
}
