package generic

import "sync"

// A typed wrapper: the element type is a type parameter, unknown here.
type Pool[T any] struct {
	p sync.Pool
}

func NewPool[T any](newFn func() T) *Pool[T] {
	return &Pool[T]{p: sync.Pool{New: func() any { return newFn() }}}
}

func (p *Pool[T]) Get() T  { return p.p.Get().(T) }
func (p *Pool[T]) Put(x T) { p.p.Put(x) }

type zeroPool[T any] struct{ p sync.Pool }

func (z *zeroPool[T]) Get() *T {
	if v, ok := z.p.Get().(*T); ok {
		return v
	}
	return new(T)
}

var bytesPool = NewPool(func() []byte { return make([]byte, 8) })

func use() {
	b := bytesPool.Get()
	bytesPool.Put(b) // not sync.Pool.Put: the wrapper's
}

// New built from a type parameter.
type ptrPool[T any] struct{ p sync.Pool }

func newPtrPool[T any]() *ptrPool[T] {
	return &ptrPool[T]{p: sync.Pool{New: func() any { return new(T) }}}
}

func (p *ptrPool[T]) get() *T { return p.p.Get().(*T) }
