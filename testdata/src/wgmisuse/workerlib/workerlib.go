// Package workerlib has workers that count themselves, for the workers
// tests of another package, which see them through facts.
package workerlib

import "sync"

// Work adds to the WaitGroup it is handed.
func Work(wg *sync.WaitGroup, job int) {
	wg.Add(1)
	defer wg.Done()
	_ = job
}

// Done only calls Done.
func Done(wg *sync.WaitGroup) {
	defer wg.Done()
}

// Pool holds its WaitGroup.
type Pool struct {
	Name string
	WG   sync.WaitGroup
}

// Run adds to the pool's WaitGroup.
func (p *Pool) Run(job int) {
	p.WG.Add(1)
	defer p.WG.Done()
	_ = job
}

// Later adds in a literal it starts itself, not in its own body.
func Later(wg *sync.WaitGroup) {
	go func() {
		wg.Add(1)
		wg.Done()
	}()
}
