package dot

import (
	. "sync"
	xsync "sync"
)

type pool struct {
	group xsync.WaitGroup
}

func dotImport(items []int) {
	var wg WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
			defer wg.Done()
			_ = it
		}()
	}
	wg.Wait()
}

func renamed(p *pool, items []int) {
	for _, it := range items {
		go func() {
			defer p.group.Done()
			_ = it
		}()
		p.group.Add(1) // want `p.group.Add runs after the go statement`
	}
	p.group.Wait()
}

// A type of its own with Add, Done and Wait methods is not a WaitGroup.
type counter struct{ n int }

func (c *counter) Add(n int) { c.n += n }
func (c *counter) Done()     { c.n-- }
func (c *counter) Wait()     {}

func notAWaitGroup() {
	var c counter
	go func() {
		c.Add(1)
		defer c.Done()
	}()
	c.Wait()
}
