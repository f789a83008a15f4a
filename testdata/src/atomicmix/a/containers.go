package a

import (
	"sync"
	satomic "sync/atomic"
)

// ---- one type embedded in two containers: two variables, not one ----

type tally struct{ n int64 }

type lockFree struct{ tally }

func (l *lockFree) Inc() { satomic.AddInt64(&l.n, 1) }

func (l *lockFree) Reset() {
	l.n = 0 // want `l\.n is written plainly here`
}

type locked struct {
	mu sync.Mutex
	tally
}

func (l *locked) Inc() {
	l.mu.Lock()
	l.n++ // another container's tally: never accessed atomically
	l.mu.Unlock()
}

// ---- the same type as a named field of two containers ----

type hot struct{ t tally }

func (h *hot) Inc() { satomic.AddInt64(&h.t.n, 1) }

func (h *hot) Peek() int64 {
	return h.t.n // want `h\.t\.n is read plainly here`
}

type cold struct{ t tally }

func (c *cold) Peek() int64 { return c.t.n }

// ---- generic containers: instances of one container are one variable ----

type gbox[T any] struct {
	t tally
	v T
}

func (b *gbox[T]) Inc() { satomic.AddInt64(&b.t.n, 1) }

func PeekBox(b *gbox[string]) int64 {
	return b.t.n // want `b\.t\.n is read plainly here`
}

type gother[T any] struct{ tally }

func PeekOther(o *gother[int]) int64 { return o.n }

// ---- an atomic use in the inner type's own method marks every container ----

type gauge struct{ v int64 }

func (g *gauge) set(x int64) { satomic.StoreInt64(&g.v, x) }

type meter struct{ gauge }

func (m *meter) Set(x int64) { m.set(x) }

func (m *meter) Get() int64 {
	return m.v // want `m\.v is read plainly here`
}
