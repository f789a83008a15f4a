package mid

import (
	"sync/atomic"

	up "atomicaccess/facts/upstream"
)

// Wrapped embeds an upstream type: the fact on Hits stays upstream's.
type Wrapped struct {
	up.Counter
	Own int64 // want Own:`atomic\.AddInt64 at mid\.go:\d+ via mid\.Wrapped\.Own$`
}

func (w *Wrapped) Inc() {
	atomic.AddInt64(&w.Own, 1)
	atomic.AddInt64(&w.Hits, 1)
	atomic.AddUint64(&up.Total, 1)
}

// Paths of the same field through different containers are kept apart.
type Stats struct{ Hits uint32 } // want Hits:`atomic\.AddUint32 at mid\.go:\d+ via mid\.Pool\.live/mid\.Stats\.Hits mid\.Pool\.snap/mid\.Stats\.Hits$`

type Pool struct{ live, snap Stats }

func (p *Pool) hit() {
	atomic.AddUint32(&p.live.Hits, 1)
	atomic.AddUint32(&p.snap.Hits, 1)
	atomic.AddUint32(&p.live.Hits, 1)
}
