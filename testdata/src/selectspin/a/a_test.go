package a

import "testing"

func TestSpinInTest(t *testing.T) {
	ch := make(chan int, 1)
	go func() { ch <- 1 }()
	for {
		select {
		case <-ch:
			return
		default:
		}
	}
}
