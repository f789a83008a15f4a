package dot

import (
	. "runtime"
	. "time"
)

func goschedDot(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			Gosched()
		}
	}
}

func sleepDot(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			Sleep(Millisecond)
		}
	}
}

type clock struct{}

func (clock) Now() int { return 0 }

func lookalikes(ch chan int, c clock) {
	for {
		select {
		case <-ch:
			return
		default:
			_ = c.Now()
		}
	}
}
