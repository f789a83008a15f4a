package a

import (
	"strings"
	"sync"
	"testing"
)

// Benchmarks and tests are not production code.
func BenchmarkPut(b *testing.B) {
	var p sync.Pool
	for range b.N {
		p.Put(make([]byte, 8))
		_ = p.Get().(*strings.Builder)
	}
}
