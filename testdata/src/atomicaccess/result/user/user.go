package user

import (
	"sync/atomic"

	l "atomicaccess/result/lib"
)

// A is an alias of an upstream type.
type A = l.Counter

// Other has a field named like an atomic one.
type Other struct{ Hits int64 }

func Read(c *l.Counter, a *A, b *l.Box[string], t *l.Tree, o *Other) int64 {
	n := c.Hits         // want `imported Hits via lib\.Counter\.Hits: atomic\.AddInt64 at lib\.go:10 via lib\.Counter\.Hits`
	n += a.Hits         // want `imported Hits via lib\.Counter\.Hits: atomic\.AddInt64`
	n += c.Misses       // plain everywhere
	n += b.N            // want `imported N via lib\.Box\.N: atomic\.AddInt64 at lib\.go:16 via lib\.Box\.N`
	n += int64(t.Depth) // want `imported Depth via lib\.Tree\.inner/lib\.inner\.Depth: atomic\.LoadInt32 at lib\.go:22 via lib\.Tree\.inner/lib\.inner\.Depth`
	n += int64(l.Total) // want `imported Total via lib\.Total: atomic\.AddUint64` `local Total via lib\.Total`
	n += o.Hits         // want `local Hits via user\.Other\.Hits`
	return n
}

// Local accesses: this package's own and an upstream variable's.
func Local(p *Other) {
	atomic.AddInt64(&p.Hits, 1)   // want `access AddInt64 Hits via user\.Other\.Hits`
	atomic.AddUint64(&l.Total, 1) // want `access AddUint64 Total via lib\.Total` `imported Total via lib\.Total: atomic\.AddUint64`
	q := p
	_ = q.Hits // want `local Hits via user\.Other\.Hits`
}

// A local initialised from a field keeps that field in its path.
type Pair struct{ live, snap Other }

func (p *Pair) Inc() { atomic.AddInt64(&p.live.Hits, 1) } // want `access AddInt64 Hits via user\.Pair\.live/user\.Other\.Hits`

func (p *Pair) Snap() int64 {
	s := p.snap
	return s.Hits // want `local Hits via user\.Pair\.snap/user\.Other\.Hits`
}
