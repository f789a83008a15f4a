// Package broken does not type-check: the analyzer must not panic on it.
package broken

func undefinedMake() {
	ch := make(chan undefinedType)
	for range ch {
	}
}

func undefinedCallee() {
	ch := make(chan int)
	undefinedFunc(ch)
	for range ch {
	}
}

func badLabel() {
	ch := make(chan int)
	for range ch {
		break nowhere
	}
}

func multi() {
	ch, x := make(chan int)
	for range ch {
	}
	_ = x
}
