package lib

import "sync/atomic"

type Counter struct {
	Hits   int64
	Misses int64
}

func (c *Counter) Hit() { atomic.AddInt64(&c.Hits, 1) } // want `access AddInt64 Hits via lib\.Counter\.Hits`

func (c *Counter) Miss() { c.Misses++ }

type Box[T any] struct{ N int64 }

func (b *Box[T]) Inc() { atomic.AddInt64(&b.N, 1) } // want `access AddInt64 N via lib\.Box\.N`

type inner struct{ Depth int32 }

type Tree struct{ inner }

func (t *Tree) D() int32 { return atomic.LoadInt32(&t.Depth) } // want `access LoadInt32 Depth via lib\.Tree\.inner/lib\.inner\.Depth`

var Total uint64

func Add() { atomic.AddUint64(&Total, 1) } // want `access AddUint64 Total via lib\.Total`
