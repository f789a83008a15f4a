package a

import (
	"testing"
	"time"
)

// Tests are checked too: this one burns a CI core while it waits.
func TestSpinInTest(t *testing.T) {
	ch := make(chan int, 1)
	go func() { ch <- 1 }()
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
		}
	}
}

// Waiting without default does not spin.
func TestWaits(t *testing.T) {
	ch := make(chan int, 1)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Fatal("timeout")
	}
}
