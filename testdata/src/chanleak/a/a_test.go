package a

import (
	"testing"
	"time"
)

// Not reported in tests: the way out is the failure timeout.
func TestTimeout(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- get("") }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Error("timed out")
	}
}
