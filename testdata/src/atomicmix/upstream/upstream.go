package upstream

import "sync/atomic"

type Counter struct {
	Hits   int64
	Misses int64
	hidden int64
}

// Inner is promoted through an unexported embedded type.
type inner struct{ Depth int32 }

type Tree struct {
	inner
	Size int64 // only ever loaded atomically here
}

func (c *Counter) Hit() { atomic.AddInt64(&c.Hits, 1) }

func (c *Counter) Hide() { atomic.AddInt64(&c.hidden, 1) }

func (t *Tree) D() int32 { return atomic.LoadInt32(&t.Depth) }

func (t *Tree) SetD(d int32) { atomic.StoreInt32(&t.Depth, d) }

func (t *Tree) Len() int64 { return atomic.LoadInt64(&t.Size) }

var Total uint64

var total2 uint64

func Add() {
	atomic.AddUint64(&Total, 1)
	atomic.AddUint64(&total2, 1)
}

// An unexported type: nobody outside can name its fields.
type private struct{ N int64 }

func (p *private) add() { atomic.AddInt64(&p.N, 1) }

func New() *Counter {
	c := &Counter{}
	c.Hits = 0
	return c
}
