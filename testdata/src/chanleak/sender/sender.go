// Package sender has worker functions that send once on a channel
// parameter; chanleak exports that as a fact.
package sender

func Send(ch chan<- int, v int) { // want Send:`sends\(0 last\)`
	ch <- v * 2
}

func SendThenLog(v int, ch chan int) { // want SendThenLog:`sends\(1\)`
	ch <- v
	println("sent")
}

// Sends in a loop, or selects: no fact.
func SendAll(ch chan<- int, vs []int) {
	for _, v := range vs {
		ch <- v
	}
}

func SendOrQuit(ch chan<- int, quit <-chan struct{}) {
	select {
	case ch <- 1:
	case <-quit:
	}
}

// Hands the channel on: no fact.
func Forward(ch chan int) {
	Send(ch, 1)
}
