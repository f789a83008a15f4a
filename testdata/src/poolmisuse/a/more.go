package a

import (
	"bytes"
	"strings"
	"sync"
)

// The classic slip: the pool holds *[]byte, the code puts the slice back.
var bytesPool = sync.Pool{New: func() any { b := make([]byte, 512); return &b }}

func classic() {
	bp := bytesPool.Get().(*[]byte)
	buf := (*bp)[:0]
	bytesPool.Put(buf) // want `Put of a \[\]byte, a slice` `Put of a \[\]byte into a pool whose New returns \*\[\]byte`
}

// Near miss: a method value of Get may be asserted anywhere, so a Put of
// another type is not judged.
var getValuePool = sync.Pool{New: func() any { return new(strings.Builder) }}

func getValue(b *bytes.Buffer) {
	get := getValuePool.Get
	_ = get()
	_ = getValuePool.Get().(*strings.Builder)
	getValuePool.Put(b)
}

// Near miss: Get stored in a variable and checked.
var storedPool sync.Pool

func stored() *bytes.Buffer {
	v := storedPool.Get()
	if v == nil {
		return new(bytes.Buffer)
	}
	return v.(*bytes.Buffer)
}

// Near miss: exported pool; other packages may Get it differently.
var ExportedBuilders = sync.Pool{New: func() any { return new(strings.Builder) }}

func putExported(b *bytes.Buffer) {
	_ = ExportedBuilders.Get().(*strings.Builder)
	ExportedBuilders.Put(b)
}

// Near miss: the field is copied from another pool.
type holder struct{ pool *sync.Pool }

func newHolder(shared *sync.Pool) *holder { return &holder{pool: shared} }

func (h *holder) get() *bytes.Buffer { return h.pool.Get().(*bytes.Buffer) }

// nil-get on a local pool.
func localNoNew() {
	var p sync.Pool
	_ = p.Get().(*bytes.Buffer) // want `without New .* so this assertion to \*bytes.Buffer panics`
}

// Near miss: New comes from a function variable.
var newFn = func() any { return new(bytes.Buffer) }

var fnVarPool = sync.Pool{New: newFn}

func useFnVar() { _ = fnVarPool.Get().(*strings.Builder) }

// Near miss: New set through a setter that takes a function.
type settable struct{ pool sync.Pool }

func (s *settable) setNew(f func() any) { s.pool.New = f }

func (s *settable) get() *bytes.Buffer { return s.pool.Get().(*bytes.Buffer) }

// Near miss: a slice of pools; which one is which is not tracked.
var tiers [4]sync.Pool

func tiered(i int) *bytes.Buffer { return tiers[i].Get().(*bytes.Buffer) }
