package a

import "sync/atomic"

// loadBuf is written by its owner and its length is loaded atomically by
// others: only the plain writes race with those loads.
type loadBuf struct {
	buf    []byte
	offset uint64
}

func (b *loadBuf) Len() int { return int(atomic.LoadUint64(&b.offset)) }

func (b *loadBuf) Allocate(n int) []byte {
	off := b.offset       // a read: races with no Load
	b.offset += uint64(n) // want `b.offset is updated plainly here but accessed with atomic.LoadUint64`
	return b.buf[off:b.offset]
}

func (b *loadBuf) Reset() {
	b.offset = 0 // want `b.offset is written plainly here but accessed with atomic.LoadUint64`
}

func (b *loadBuf) Empty() bool { return b.offset == 0 } // a read

// storedCounter is also stored atomically: its plain reads race with the Store.
type storedCounter struct{ n int64 }

func (c *storedCounter) Load() int64 { return atomic.LoadInt64(&c.n) }
func (c *storedCounter) Set(v int64) { atomic.StoreInt64(&c.n, v) }
func (c *storedCounter) Peek() int64 { return c.n } // want `c.n is read plainly here but accessed with atomic.LoadInt64`

// ownedBuf is a buffer like loadBuf whose contract excludes concurrent use.
// It is not safe for concurrent use: the atomic loads protect nothing.
type ownedBuf struct{ offset uint64 }

func (b *ownedBuf) Len() int      { return int(atomic.LoadUint64(&b.offset)) }
func (b *ownedBuf) Advance(n int) { b.offset += uint64(n) }

// initCounter is reset by Init before it is shared.
type initCounter struct{ n int32 }

func (c *initCounter) Init()      { c.n = 0 }
func (c *initCounter) Event()     { atomic.AddInt32(&c.n, 1) }
func (c *initCounter) Clear()     { c.n = 0 } // want `c.n is written plainly here`
func ResetCounter(c *initCounter) { c.n = 0 } // want `c.n is written plainly here`
