package a

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

type point struct{ x, y, z int64 }

type small struct{ n int32 }

type ptrStruct struct{ p *int }

type bigArr [64]byte

// ---- put-non-pointer ----

var slicePool = sync.Pool{
	New: func() any {
		return make([]byte, 1024) // want `sync.Pool New returns a \[\]byte, a slice, not a pointer`
	},
}

func putSlice() {
	b := slicePool.Get().([]byte)
	slicePool.Put(b[:0]) // want `sync.Pool.Put of a \[\]byte, a slice, not a pointer: converting it to the interface Put takes allocates a copy on every call, which defeats the pool; pool a pointer to the slice`
}

var anyPool sync.Pool // a pool of assorted values; no Get is asserted

func putKinds(s string, p point, n int, f float64, arr bigArr, sm small, ps ptrStruct, by byte, ok bool) {
	anyPool.Put(s)                // want `Put of a string, a string, not a pointer`
	anyPool.Put(p)                // want `Put of a point, a struct, not a pointer.*pool a pointer to it instead`
	anyPool.Put(n)                // want `Put of a int, a number, not a pointer`
	anyPool.Put(f)                // want `Put of a float64, a number`
	anyPool.Put(arr)              // want `Put of a bigArr, an array`
	anyPool.Put([3]int{})         // want `Put of a \[3\]int, an array`
	anyPool.Put(s + "x")          // want `Put of a string`
	put := anyPool.Put            // method value
	put(p)                        // want `Put of a point, a struct`
	(*sync.Pool).Put(&anyPool, s) // want `Put of a string`

	// Near misses: no allocation.
	anyPool.Put(&p)             // pointer
	anyPool.Put(&s)             // pointer
	anyPool.Put(sm)             // fits in one word
	anyPool.Put(ps)             // pointer-shaped struct
	anyPool.Put(by)             // single byte: no allocation
	anyPool.Put(ok)             // bool: no allocation
	anyPool.Put(map[int]int{})  // map
	anyPool.Put(make(chan int)) // chan
	anyPool.Put(putSlice)       // func
	anyPool.Put("constant")     // constant: static
	anyPool.Put(42)             // constant
	anyPool.Put(nil)            // no-op
	var r io.Reader = strings.NewReader("x")
	anyPool.Put(r) // already an interface
	var e any = s
	anyPool.Put(e)
	_ = anyPool.Get()
}

// Near miss: the idiomatic *[]byte pool.
var ptrSlicePool = sync.Pool{
	New: func() any {
		b := make([]byte, 1024)
		return &b
	},
}

func putPtrSlice() {
	bp := ptrSlicePool.Get().(*[]byte)
	*bp = (*bp)[:0]
	ptrSlicePool.Put(bp)
}

// new-non-pointer through a package function.
func newStruct() any {
	return point{} // want `sync.Pool New returns a point, a struct, not a pointer`
}

var structPool = sync.Pool{New: newStruct}

func useStructPool() {
	p := structPool.Get().(point)
	structPool.Put(p) // want `Put of a point, a struct`
}

// ---- type-mismatch ----

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func mismatch() {
	sb := bufPool.Get().(*strings.Builder) // want `Get is asserted to \*strings.Builder but this pool's New returns \*bytes.Buffer: the assertion panics`
	_ = sb
	w := bufPool.Get().(io.Writer) // near miss: *bytes.Buffer is an io.Writer
	_ = w
	if sb, ok := bufPool.Get().(*strings.Builder); ok { // near miss: comma-ok
		_ = sb
	}
	var s fmtStringer = bufPool.Get().(fmtStringer) // near miss: *bytes.Buffer has String
	_ = s
	r := bufPool.Get().(io.ReaderFrom)
	_ = r
	_ = bufPool.Get().(io.Closer) // want `Get is asserted to io.Closer but this pool's New returns \*bytes.Buffer`
}

type fmtStringer interface{ String() string }

// Put mismatch: every Get asserts New's type.
var builderPool = sync.Pool{New: func() any { return new(strings.Builder) }}

func putMismatch(b *bytes.Buffer) {
	sb := builderPool.Get().(*strings.Builder)
	builderPool.Put(sb)
	builderPool.Put(b) // want `Put of a \*bytes.Buffer into a pool whose New returns \*strings.Builder and whose every Get asserts \*strings.Builder: the Get that returns this value panics`
}

// Near miss: a Get handles other types, so the pool may hold several on purpose.
var mixedPool = sync.Pool{New: func() any { return new(strings.Builder) }}

func mixed(b *bytes.Buffer) {
	switch v := mixedPool.Get().(type) {
	case *bytes.Buffer:
		_ = v
	}
	_ = mixedPool.Get().(*strings.Builder)
	mixedPool.Put(b)
}

// Struct field pool, New in the constructor.
type server struct {
	pool sync.Pool
	name string
}

func newServer() *server {
	return &server{pool: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

func (s *server) handle() {
	b := s.pool.Get().(*strings.Builder) // want `Get is asserted to \*strings.Builder`
	_ = b
}

// Local pool.
func local() {
	p := &sync.Pool{New: func() any { return new(bytes.Buffer) }}
	_ = p.Get().(*strings.Builder) // want `Get is asserted to \*strings.Builder`
}

// Near miss: New returns different types on different paths.
var twoTypes = sync.Pool{New: func() any {
	if len(os) > 0 {
		return new(bytes.Buffer)
	}
	return new(strings.Builder)
}}

var os []string

func useTwoTypes() { _ = twoTypes.Get().(*strings.Builder) }

// Near miss: New returns an interface-typed value.
var ifacePool = sync.Pool{New: func() any {
	var w io.Writer = new(bytes.Buffer)
	return w
}}

func useIface() { _ = ifacePool.Get().(*strings.Builder) }

// Near miss: interface-typed pool asserted consistently.
var writerPool = sync.Pool{New: func() any { return io.Writer(new(bytes.Buffer)) }}

func useWriter() { _ = writerPool.Get().(io.Writer) }

// Near miss: New set later to another type; the analyzer no longer knows.
var resetPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func init() {
	resetPool.New = func() any { return new(strings.Builder) }
}

func useReset() { _ = resetPool.Get().(*strings.Builder) }

// Near miss: New is a parameter.
func withNew(newFn func() any) {
	p := sync.Pool{New: newFn}
	_ = p.Get().(*strings.Builder)
}

// Near miss: the pool is a parameter.
func param(p *sync.Pool) { _ = p.Get().(*strings.Builder) }

// Near miss: the pool's address is passed on, and New may be set there.
var passedPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func configure(p *sync.Pool) {}

func usePassed() {
	configure(&passedPool)
	_ = passedPool.Get().(*strings.Builder)
}

// ---- nil-get ----

var noNewPool sync.Pool

func nilGet() {
	b := noNewPool.Get().(*bytes.Buffer) // want `Get on a sync.Pool without New returns nil whenever the pool is empty`
	noNewPool.Put(b)
	if b, ok := noNewPool.Get().(*bytes.Buffer); ok { // near miss: comma-ok
		_ = b
	}
	if v := noNewPool.Get(); v != nil { // near miss: checked for nil
		_ = v.(*bytes.Buffer)
	}
}

type cache struct{ pool sync.Pool }

func (c *cache) get() *bytes.Buffer {
	return c.pool.Get().(*bytes.Buffer) // want `Get on a sync.Pool without New`
}

// Near miss: New assigned later.
var laterPool sync.Pool

func init() { laterPool.New = func() any { return new(bytes.Buffer) } }

func useLater() *bytes.Buffer { return laterPool.Get().(*bytes.Buffer) }

// Near miss: New set on the field in a constructor.
type cache2 struct{ pool sync.Pool }

func newCache2() *cache2 {
	c := &cache2{}
	c.pool.New = func() any { return new(bytes.Buffer) }
	return c
}

func (c *cache2) get() *bytes.Buffer { return c.pool.Get().(*bytes.Buffer) }

// Near miss: exported pool, New may be set by another package.
var SharedPool sync.Pool

func useShared() *bytes.Buffer { return SharedPool.Get().(*bytes.Buffer) }

// Near miss: exported field.
type Exported struct{ Pool sync.Pool }

func (e *Exported) get() *bytes.Buffer { return e.Pool.Get().(*bytes.Buffer) }

// Embedded pool: promoted New may be set anywhere, so no nil-get; a
// mismatch with the New it is built with is still a panic.
type embedded struct {
	sync.Pool
}

var embeddedNoNew embedded

func useEmbeddedNoNew() *bytes.Buffer { return embeddedNoNew.Get().(*bytes.Buffer) }

var embeddedPool = embedded{sync.Pool{New: func() any { return new(bytes.Buffer) }}}

func useEmbedded() {
	_ = embeddedPool.Get().(*bytes.Buffer)
	_ = embeddedPool.Get().(*strings.Builder) // want `Get is asserted to \*strings.Builder but this pool's New returns \*bytes.Buffer`
	embeddedPool.Put([]byte(nil))             // want `Put of a \[\]byte, a slice`
}

// Suppressed.
func suppressed(b []byte) {
	anyPool.Put(b) //nolint:poolmisuse // measured: negligible
	//nolint:poolmisuse
	anyPool.Put(b)
}
