package a

import "sync"

// Near miss: every Put hands back the interface value Get returned, so
// only New boxes the slice, once per allocation.
var ifaceBack = sync.Pool{New: func() any { return make([]byte, 256) }}

func useIfaceBack() {
	v := ifaceBack.Get()
	buf := v.([]byte)
	_ = buf
	ifaceBack.Put(v)
}

// The same pool shape where one Put re-boxes the slice.
var reboxed = sync.Pool{New: func() any { return make([]byte, 256) }} // want `New returns a \[\]byte`

func useReboxed(again bool) {
	v := reboxed.Get()
	if again {
		reboxed.Put(v.([]byte)) // want `Put of a \[\]byte`
		return
	}
	reboxed.Put(v)
}
