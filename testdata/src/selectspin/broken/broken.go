// Package broken does not type-check: the analyzer must not panic on it
// (golangci-lint and gopls may run analyzers despite type errors).
package broken

import "runtime"

func undefinedCall(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			undefinedFunc()
		}
	}
}

func undefinedLabel(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			break nowhere
		}
	}
}

func undefinedChannel() {
	for undefinedCond {
		select {
		case v := <-undefinedChan:
			_ = v
		case undefinedOut <- undefinedValue:
		default:
			runtime.Gosched()
			undefinedVar = 1
			undefinedPkg.Gosched()
		}
	}
}

func notAChannel(x int) {
	for {
		select {
		case <-x:
		default:
			x.Method()
		}
	}
}

func badRange(ch chan int) {
	for {
		select {
		case <-ch:
		default:
			for range undefinedSeq {
			}
			continue undefinedLoop
		}
	}
}
