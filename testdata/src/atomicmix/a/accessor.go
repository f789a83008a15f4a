package a

import (
	"sync/atomic"
	"unsafe"
)

// memDB is set up by initialize before NewMemDB returns it; getRoot, which
// initialize calls first, only loads a field, so it does not share db.
type memDB struct{ root unsafe.Pointer }

func (db *memDB) getRoot() unsafe.Pointer { return atomic.LoadPointer(&db.root) }

func (db *memDB) initialize() {
	r := db.getRoot()
	db.root = r // not yet shared
}

func NewMemDB() *memDB {
	db := &memDB{}
	db.initialize()
	return db
}

func (db *memDB) Swap(p unsafe.Pointer) { atomic.StorePointer(&db.root, p) }

// registered is set up the same way, but register stores the receiver
// where other goroutines find it before the write.
type registered struct{ root unsafe.Pointer }

var setupRegistry []*registered

func (r *registered) register() { setupRegistry = append(setupRegistry, r) }

func (r *registered) load() unsafe.Pointer { return atomic.LoadPointer(&r.root) }

func (r *registered) setup() {
	r.register()
	r.root = nil // want `r.root is written plainly here`
}

func NewRegistered() *registered {
	r := &registered{}
	r.setup()
	return r
}
