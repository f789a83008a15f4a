package upstream

import (
	"sync/atomic"
	"testing"
)

// Test files do not count: no fact on Other.Hits.
func TestOther(t *testing.T) {
	var o Other
	atomic.AddInt64(&o.Hits, 1)
}
