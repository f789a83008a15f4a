// Package defaults checks the rules without options: slices are reported
// only under -poolmisuse.slices.
package defaults

import "sync"

// Near miss: a pool of large slices; the header boxed per Put is noise.
var blocks = sync.Pool{New: func() any { return make([]byte, 1<<20) }}

func useBlocks() {
	b := blocks.Get().([]byte)
	blocks.Put(b[:0])
}

type record struct{ a, b, c int64 }

// Structs larger than a pointer are copied whole on every Put.
var records = sync.Pool{New: func() any { return record{} }} // want `New returns a record, a struct`

func useRecords() {
	r := records.Get().(record)
	records.Put(r) // want `Put of a record, a struct`
}

// Near miss: the interface value from Get goes back; nothing is re-boxed.
var recordsBack = sync.Pool{New: func() any { return record{} }}

func useRecordsBack() {
	v := recordsBack.Get()
	_ = v.(record).a
	recordsBack.Put(v)
}

// A string is still boxed per Put.
var names sync.Pool

func putName(s string) { names.Put(s) } // want `Put of a string`
