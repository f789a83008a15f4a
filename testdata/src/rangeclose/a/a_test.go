package a

import "testing"

// Tests are checked too: this one hangs CI until go test's timeout.
func TestHang(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	for range ch { // want `range over ch never ends`
	}
}

// Closed by the sender: the loop ends.
func TestClosed(t *testing.T) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		ch <- 1
	}()
	for range ch {
	}
}
