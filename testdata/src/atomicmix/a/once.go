package a

import (
	"sync"
	"sync/atomic"
)

var (
	uuidCounter uint64
	uuidSetup   sync.Once
	lazyCount   int64
)

// nextID seeds the counter once, then adds to it atomically: every Add
// follows the Do, which returns only after the seeding.
func nextID() uint64 {
	uuidSetup.Do(func() {
		uuidCounter = 42
	})
	return atomic.AddUint64(&uuidCounter, 1)
}

var lazyInit = sync.OnceFunc(func() { lazyCount = 1 })

func bumpLazy() int64 {
	lazyInit()
	return atomic.AddInt64(&lazyCount, 1)
}

// resetID writes it outside any Once: it races with nextID.
func ResetID() { uuidCounter = 0 } // want `uuidCounter is written plainly here`

// later: a literal that runs later, not a Once.
func later() func() {
	return func() { uuidCounter = 7 } // want `uuidCounter is written plainly here`
}
