package upstream

import (
	"sync/atomic"
	"unsafe"
)

type Counter struct {
	Hits   int64 // want Hits:`atomic\.AddInt64 at upstream\.go:17 via upstream\.Counter\.Hits$`
	Misses int64 // only through a function value: not tracked
	hidden int64 // unexported
}

// C is an alias: accesses through it are accesses to Counter's fields.
type C = Counter

func (c *Counter) Hit() { atomic.AddInt64(&c.Hits, 1) }

func (c *Counter) hide() { atomic.AddInt64(&c.hidden, 1) }

func LoadAlias(c *C) int64 { return atomic.LoadInt64(&c.Hits) }

func viaValue(c *Counter) {
	add := atomic.AddInt64
	add(&c.Misses, 1)
}

// Other has a field of the same name that is only accessed plainly.
type Other struct{ Hits int64 }

func (o *Other) Inc() { o.Hits++ }

// Box is generic: the fact is on the field of the generic type.
type Box[T any] struct {
	N int64 // want N:`atomic\.AddInt64 at upstream\.go:\d+ via upstream\.Box\.N$`
	V T
}

func (b *Box[T]) Inc() { atomic.AddInt64(&b.N, 1) }

// inner is unexported but promotes Depth through the exported Tree.
type inner struct{ Depth int32 } // want Depth:`atomic\.LoadInt32 at upstream\.go:\d+ via upstream\.Tree\.inner/upstream\.inner\.Depth$`

type Tree struct{ inner }

func (t *Tree) D() int32 { return atomic.LoadInt32(&t.Depth) }

// Node reaches its pointers through unsafe.Pointer conversions.
type Node struct {
	Next  unsafe.Pointer // want Next:`atomic\.LoadPointer at upstream\.go:\d+ via upstream\.Node\.Next$`
	Typed *Node          // want Typed:`atomic\.StorePointer at upstream\.go:\d+ via upstream\.Node\.Typed$`
}

func (n *Node) Load() unsafe.Pointer { return atomic.LoadPointer(&n.Next) }

func (n *Node) Set(m *Node) {
	atomic.StorePointer((*unsafe.Pointer)(unsafe.Pointer(&n.Typed)), unsafe.Pointer(m))
}

var Total uint64 // want Total:`atomic\.AddUint64 at upstream\.go:\d+ via upstream\.Total$`

var total2 uint64

func Add() {
	atomic.AddUint64(&Total, 1)
	atomic.AddUint64(&total2, 1)
}

// private is unexported and promoted nowhere: nobody outside names N.
type private struct{ N int64 }

func (p *private) add() { atomic.AddInt64(&p.N, 1) }

// Typed atomics are safe by construction: neither they nor their method
// values are tracked.
type Typed struct{ N atomic.Int64 }

func (t *Typed) Adder() func(int64) int64 { return t.N.Add }
