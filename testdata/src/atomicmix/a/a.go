package a

import (
	"sync"
	satomic "sync/atomic" // renamed import: matched by symbol, not spelling
	"unsafe"
)

// ---- fields ----

type Stats struct {
	requests int64
	errors   int64 // never used atomically: a different field of the same struct
	flag     uint32
	typed    satomic.Int64
}

func (s *Stats) Inc() {
	satomic.AddInt64(&s.requests, 1)
	s.errors++ // plain only: not mixed
	s.typed.Add(1)
}

func (s *Stats) Report() int64 {
	return s.requests // want `s\.requests is read plainly here but accessed with atomic\.AddInt64 at a\.go:19: .*declare it as atomic\.Int64`
}

func (s *Stats) Reset() {
	s.requests = 0  // want `s\.requests is written plainly here but accessed with atomic\.AddInt64 at a\.go:19`
	s.requests++    // want `s\.requests is updated plainly here`
	s.requests += 2 // want `s\.requests is updated plainly here`
	s.errors = 0
	s.typed.Store(0)
}

func (s *Stats) Flag() bool {
	if satomic.CompareAndSwapUint32(&s.flag, 0, 1) {
		return true
	}
	return (s.flag) == 1 // want `s\.flag is read plainly here but accessed with atomic\.CompareAndSwapUint32 at a\.go:37: .*atomic\.Uint32`
}

// Through another value of the same type: fields are shared by all values.
func other(list []*Stats, arr [2]Stats) int64 {
	return list[0].requests + // want `list\[0\]\.requests is read plainly`
		arr[0].requests // a local array value: a copy owned by the function
}

// ---- near misses on fields ----

// The same field name on a different type.
type Other struct{ requests int64 }

func (o *Other) Get() int64 { return o.requests }

// Constructors: the value has not escaped yet.
func NewStats() *Stats {
	s := &Stats{requests: 1} // composite literal key
	s.requests = 5           // fresh allocation, before it escapes
	s.flag = 1
	return s
}

func NewStats2() *Stats {
	s := new(Stats)
	s.requests = 5
	satomic.AddInt64(&s.requests, 1) // an atomic call does not publish s
	s.requests++
	return s
}

func startsEarly() *Stats {
	s := &Stats{}
	go s.Inc()
	s.requests = 5 // want `s\.requests is written plainly here`
	return s
}

func methodKeeps() *Stats {
	s := &Stats{}
	s.requests = 1
	s.Inc()        // Inc only adds to a field: s is still not shared
	s.requests = 2 // not yet shared
	return s
}

var publishedStats *Stats

// publish stores its receiver where other goroutines find it.
func (s *Stats) publish() { publishedStats = s }

func methodEscapes() *Stats {
	s := &Stats{}
	s.requests = 1
	s.publish()    // shares s with other goroutines
	s.requests = 2 // want `s\.requests is written plainly here`
	return s
}

func closureEscapes() *Stats {
	s := &Stats{}
	s.requests = 1
	f := func() { _ = s.requests } // want `s\.requests is read plainly here`
	f()
	return s
}

func loopEscapes(out chan *Stats) {
	s := &Stats{}
	for i := 0; i < 3; i++ {
		s.requests = int64(i) // want `s\.requests is written plainly here`
		out <- s
	}
	for i := 0; i < 3; i++ {
		t := &Stats{}
		t.requests = int64(i) // a new allocation each iteration
		out <- t
	}
}

func reassigned(shared *Stats) {
	s := &Stats{}
	s = shared
	s.requests = 1 // want `s\.requests is written plainly here`
}

// A value copy owned by this function.
func (s Stats) Copy() int64 { return s.requests }

func byValue(v Stats) int64 {
	var local Stats
	local.requests = 3
	return v.requests + local.requests
}

// Address taken, unsafe layout queries.
func addresses(s *Stats) {
	p := &s.requests
	satomic.AddInt64(p, 1)
	_ = unsafe.Offsetof(s.requests)
	_ = unsafe.Sizeof(s.requests)
	_ = unsafe.Alignof(s.requests)
}

// ---- package-level variables ----

var counter int64
var enabled int32

func inc() { satomic.AddInt64(&counter, 1) }

func init() {
	counter = 10 // init runs before the package's goroutines
	enabled = 1
	go func() {
		counter = 0 // want `counter is written plainly here`
	}()
}

func readCounter() int64 {
	return counter // want `counter is read plainly here but accessed with atomic\.AddInt64 at a\.go:\d+`
}

func shadow() int64 {
	counter := int64(3) // a local shadowing the global
	counter++
	return counter
}

// enabled is used only plainly (and in _test.go atomically): not mixed.
func isEnabled() bool { return enabled == 1 }

//nolint:atomicmix // read once during shutdown, after all workers stopped
func shutdownCount() int64 { return counter }

func shutdownCount2() int64 {
	return counter //nolint:atomicmix
}

// ---- unsafe.Pointer conversions ----

type node struct{ next *node }

type list struct{ head *node }

func (l *list) push(n *node) {
	for {
		old := (*node)(satomic.LoadPointer((*unsafe.Pointer)(unsafe.Pointer(&l.head))))
		n.next = old
		if satomic.CompareAndSwapPointer((*unsafe.Pointer)(unsafe.Pointer(&l.head)), unsafe.Pointer(old), unsafe.Pointer(n)) {
			return
		}
	}
}

func (l *list) Peek() *node {
	return l.head // want `l\.head is read plainly here but accessed with atomic\.LoadPointer at a\.go:\d+: .*atomic\.Pointer\[node\]`
}

// ---- generics ----

type Gauge[T any] struct {
	v    int64
	meta T
}

func (g *Gauge[T]) Set(x int64) { satomic.StoreInt64(&g.v, x) }

func (g *Gauge[T]) Get() int64 { return g.v } // want `g\.v is read plainly here`

func UseGauge(g *Gauge[string]) int64 {
	return g.v // want `g\.v is read plainly here`
}

// ---- embedded fields ----

type Server struct {
	Stats
	name string
}

func (s *Server) Served() int64 {
	return s.requests // want `s\.requests is read plainly here`
}

// ---- local variables ----

func localWait(items []int) int64 {
	var n int64
	n = 1 // before any goroutine
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			satomic.AddInt64(&n, 1)
		}()
	}
	wg.Wait()
	return n // after Wait: synchronized
}

func localRace(items []int) {
	var n int64
	for range items {
		go func() {
			satomic.AddInt64(&n, 1)
			if n > 10 { // want `n is read plainly here`
				return
			}
		}()
	}
}

func localOnce() {
	var n int64
	go func() {
		satomic.AddInt64(&n, 1)
		_ = n // the only goroutine, started once: no concurrent atomic use
	}()
}

func localStop() {
	var stop int32
	go func() {
		for stop == 0 { // want `stop is read plainly here`
		}
	}()
	satomic.StoreInt32(&stop, 1)
}

func localBefore() {
	var ready int32
	satomic.StoreInt32(&ready, 1)
	go func() {
		_ = ready // the store happens before the go statement
	}()
}

func localWaitGroupGo() {
	var n int64
	var wg sync.WaitGroup
	wg.Go(func() { satomic.AddInt64(&n, 1) })
	wg.Go(func() { n = 0 }) // want `n is written plainly here`
	wg.Wait()
}

func localInGoroutine() {
	go func() {
		var n int64 // declared inside the goroutine
		satomic.AddInt64(&n, 1)
		_ = n
	}()
}
