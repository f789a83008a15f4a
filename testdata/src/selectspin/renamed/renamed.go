package renamed

import (
	ctxpkg "context"
	rt "runtime"
	sa "sync/atomic"
	tm "time"
)

type gauge = sa.Int64

func goschedRenamed(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			rt.Gosched()
		}
	}
}

func sleepRenamed(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			tm.Sleep(tm.Millisecond)
		}
	}
}

func aliasAndGeneric(ch chan int, g *gauge, p *sa.Pointer[int]) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			_ = g.Load()
			_ = p.Load()
		}
	}
}

// An interface that embeds context.Context: Done is still Context.Done.
type richContext interface {
	ctxpkg.Context
	Extra() int
}

func embeddedDone(ctx richContext) {
	for {
		select {
		case <-ctx.Done():
			return
		default: // want `spins a CPU core`
		}
	}
}

// A type with its own Done method that may do anything.
type waiter struct{}

func (waiter) Done() chan struct{} { return nil }

func userDone(w waiter) {
	for {
		select {
		case <-w.Done():
			return
		default:
		}
	}
}

func methodValueSleep(ch chan int) {
	pause := tm.Duration.String // a method expression: harmless, but called through a value
	for {
		select {
		case <-ch:
			return
		default:
			_ = pause(tm.Second)
		}
	}
}
