package a

import "testing"

func TestHang(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	for range ch {
	}
}
