package a

import (
	"sync/atomic"
	"testing"
)

func TestCounter(t *testing.T) {
	atomic.StoreInt32(&enabled, 1) // test files count neither as atomic uses
	inc()
	if counter != 11 { // nor as plain accesses
		t.Fatal(counter)
	}
}

func TestIDs(t *testing.T) {
	ids.reset()
}
