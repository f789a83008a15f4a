package a

import "sync"

// ---- Puts already reviewed for staticcheck's SA6002 ----

var reviewedPool sync.Pool

func putReviewed(b []byte, s string, p point) {
	reviewedPool.Put(b) //lint:ignore SA6002 the header copy is cheaper than the old design
	//lint:ignore SA6002 strings are pooled by value here
	reviewedPool.Put(s)
	reviewedPool.Put(p) //nolint:staticcheck // SA6002: reviewed
	//nolint:errcheck,staticcheck
	reviewedPool.Put(
		b,
	)
	put := reviewedPool.Put
	put(b) //lint:ignore SA4006,SA6002 a method value
}

// Near misses: another check, no reason, another linter, another rule.

func putNotReviewed(b []byte, s string) {
	reviewedPool.Put(b) //lint:ignore SA4006 another check // want `Put of a \[\]byte`
	//lint:ignore SA6002
	reviewedPool.Put(s) // want `Put of a string`
	reviewedPool.Put(b) //nolint:errcheck // want `Put of a \[\]byte`
}

var valuePool = sync.Pool{
	New: func() any {
		return make([]byte, 8) //nolint:staticcheck // want `sync.Pool New returns a \[\]byte`
	},
}
