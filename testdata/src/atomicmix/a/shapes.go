package a

import (
	"sync"
	"sync/atomic"
)

// ---- a stats type that is both live storage and a returned snapshot ----

type PoolStats struct{ Hits uint32 }

type Pool struct{ stats PoolStats }

func (p *Pool) hit() { atomic.AddUint32(&p.stats.Hits, 1) }

func (p *Pool) Stats() *PoolStats {
	return &PoolStats{Hits: atomic.LoadUint32(&p.stats.Hits)}
}

func SumHits(pools []*Pool) (n uint32) {
	for _, p := range pools {
		s := p.Stats() // a snapshot: its Hits is not the live p.stats.Hits
		n += s.Hits
	}
	return n
}

func LiveHits(p *Pool) uint32 {
	return p.stats.Hits // want `p\.stats\.Hits is read plainly here but accessed with atomic\.AddUint32`
}

// ---- an active bucket counted atomically, an inactive one read under a lock ----

type bucket struct{ ok uint32 }

type callCounter struct {
	active   atomic.Pointer[bucket]
	inactive *bucket
}

func (c *callCounter) record() {
	ab := c.active.Load()
	atomic.AddUint32(&ab.ok, 1)
}

func (c *callCounter) swap() {
	ab := c.active.Swap(&bucket{})
	c.inactive = &bucket{ok: atomic.LoadUint32(&ab.ok)}
}

func Inactive(c *callCounter) uint32 {
	b := c.inactive
	return b.ok + c.inactive.ok // the inactive bucket is never counted atomically
}

func Active(c *callCounter) uint32 {
	ab := c.active.Load()
	return ab.ok // want `ab\.ok is read plainly here`
}

// ---- in-place initialisation of a value embedded in a fresh allocation ----

type quota struct {
	n    int32
	done chan struct{}
}

func (q *quota) init(n int32) {
	q.n = n // every caller passes memory that has not escaped yet
	q.done = make(chan struct{})
}

func (q *quota) take() bool { return atomic.AddInt32(&q.n, -1) >= 0 }

type stream struct {
	id int
	q  quota
}

func NewStream(id int) *stream {
	s := &stream{id: id}
	s.q.init(10)
	return s
}

type registry struct{ streams map[int]*stream }

func (r *registry) Open(id int) *stream {
	s := &stream{id: id}
	r.streams[id] = s // stored, but nobody else runs until Open returns
	cancel := func() { delete(r.streams, s.id) }
	_ = cancel
	s.q.init(10) // an initialiser called by the creating function
	s.q.n = 3    // want `s\.q\.n is written plainly here`
	return s
}

type quota2 struct{ n int32 }

func (q *quota2) init(n int32) {
	q.n = n // want `q\.n is written plainly here`
}

func (q *quota2) take() bool { return atomic.AddInt32(&q.n, -1) >= 0 }

type stream2 struct{ q quota2 }

func NewStream2() *stream2 {
	s := &stream2{}
	go s.q.take()
	s.q.init(10) // after s escaped
	return s
}

func Reinit(s *stream2) { s.q.init(5) } // not a fresh value

// ---- a helper that only tests call ----

type idGen struct{ id uint64 }

func (g *idGen) next() uint64 { return atomic.AddUint64(&g.id, 1) }

// reset is for tests only.
func (g *idGen) reset() { g.id = 0 }

var ids idGen

func NextID() uint64 { return ids.next() }

// ---- reads after Wait ----

var totalCalls int64

func Stress(n int) int64 {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&totalCalls, 1)
		}()
	}
	_ = totalCalls // want `totalCalls is read plainly here`
	wg.Wait()
	return totalCalls // the goroutines have finished
}

// ---- struct values stored in a map are copies ----

func ByName(m map[string]Stats, p map[string]*Stats) int64 {
	return m["x"].requests + // a map slot cannot be addressed, let alone atomically
		p["x"].requests // want `p\["x"\]\.requests is read plainly here`
}

// ---- writers serialised by a mutex, lock-free readers use atomic loads ----

type table struct {
	mu      sync.Mutex
	other   sync.Mutex
	size    int64
	entries []int
}

func (t *table) Len() int64 { return atomic.LoadInt64(&t.size) } // lock-free reader

func (t *table) Add(e int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.entries = append(t.entries, e)
	atomic.StoreInt64(&t.size, t.size+1) // the plain read holds the writers' lock
}

func (t *table) Snapshot() (int64, []int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.size, t.entries // writers hold t.mu too
}

func (t *table) Clear() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.size = 0 // want `t\.size is written plainly here`
}

func (t *table) Peek() int64 {
	t.other.Lock()
	defer t.other.Unlock()
	return t.size // want `t\.size is read plainly here`
}

type table2 struct {
	sync.RWMutex
	size int64
}

func (t *table2) Inc() { atomic.AddInt64(&t.size, 1) } // no lock

func (t *table2) Get() int64 {
	t.RLock()
	defer t.RUnlock()
	return t.size // want `t\.size is read plainly here`
}

func (t *table2) Set(n int64) {
	t.Lock()
	defer t.Unlock()
	atomic.StoreInt64(&t.size, n)
}
