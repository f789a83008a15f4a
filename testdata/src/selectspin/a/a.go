package a

import (
	"context"
	"log"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func work() {}

// ---- positives ----

func emptyDefault(ch chan int) {
	for {
		select {
		case v := <-ch:
			_ = v
		default: // want `this loop spins a CPU core at 100% while nothing is ready`
		}
	}
}

func goschedOnly(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			runtime.Gosched()
		}
	}
}

func bareBreakEndsTheSelect(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			break // ends the select, not the loop
		}
	}
}

func ctxDone(ctx context.Context, ch chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-ch:
			work()
			_ = v
		default: // want `spins a CPU core`
		}
	}
}

func whileFlag(done *bool, ch chan int) {
	for !*done {
		select {
		case <-ch:
			*done = true
		default: // want `spins a CPU core`
		}
	}
}

func atomicFlagAfterSelect(stop *atomic.Bool, ch chan int) {
	for {
		select {
		case v := <-ch:
			_ = v
		default: // want `spins a CPU core`
		}
		if stop.Load() {
			return
		}
	}
}

func busyWaitWithTimeout(ch chan int) bool {
	start := time.Now()
	for time.Since(start) < time.Second {
		select {
		case <-ch:
			return true
		default: // want `spins a CPU core`
		}
	}
	return false
}

var polls int64

func atomicCounterNoExit(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			atomic.AddInt64(&polls, 1)
		}
	}
}

func roundRobin(chans []chan int) {
	i := 0
	for {
		select {
		case <-chans[i%len(chans)]:
			return
		default: // want `spins a CPU core`
			i++ // a loop without its own end: only a channel ends it
		}
	}
}

func localVars(ch chan int) {
	for {
		now := time.Now()
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			elapsed := time.Since(now)
			elapsed += time.Millisecond
			_ = elapsed
		}
	}
}

func labelledContinueOfOwnLoop(ch chan int) {
loop:
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			continue loop
		}
	}
}

func continueSkipsSleep(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			continue // the Sleep below never runs while nothing is ready
		}
		time.Sleep(time.Second)
	}
}

func labelledSelect(ch chan int) {
	for {
	sel:
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			break sel
		}
	}
}

func trySendLoop(out chan int) {
	for {
		select {
		case out <- 1:
		default: // want `spins a CPU core`
		}
	}
}

func breakInSwitch(ch chan int, x int) {
	for {
		select {
		case <-ch:
			return
		default: // want `spins a CPU core`
			switch x {
			case 1:
				break // ends the switch
			}
		}
	}
}

func afterTimer(ch chan int) {
	for {
		select {
		case <-ch:
			return
		case <-time.After(time.Second): // evaluated anew on every iteration: never fires
			return
		default: // want `spins a CPU core`
		}
	}
}

// ---- negatives ----

// A non-blocking drain: the default ends the loop.
func drain(ch chan int) {
	for {
		select {
		case v := <-ch:
			_ = v
		default:
			return
		}
	}
}

func drainLabelledBreak(ch chan int) {
loop:
	for {
		select {
		case v := <-ch:
			_ = v
		default:
			break loop
		}
	}
}

func drainNestedBreakOuter(chans []chan int) {
outer:
	for {
		for {
			select {
			case <-chans[0]:
			default:
				break outer
			}
		}
	}
}

func continueOuter(chans []chan int) {
outer:
	for range chans {
		for {
			select {
			case <-chans[0]:
			default:
				continue outer
			}
		}
	}
}

func defaultGoto(ch chan int) {
	for {
		select {
		case <-ch:
		default:
			goto done
		}
	}
done:
}

func defaultConditionalReturn(ch chan int, stop *atomic.Bool) {
	for {
		select {
		case <-ch:
		default:
			if stop.Load() {
				return
			}
		}
	}
}

func defaultPanics(ch chan int) {
	for {
		select {
		case <-ch:
		default:
			panic("nothing ready")
		}
	}
}

func defaultExits(ch chan int) {
	for {
		select {
		case <-ch:
		default:
			os.Exit(1)
		}
	}
}

func defaultFatal(ch chan int) {
	for {
		select {
		case <-ch:
		default:
			log.Fatal("nothing ready")
		}
	}
}

func defaultSleeps(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func defaultCallsUserCode(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			work()
		}
	}
}

func defaultReceives(ch, other chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			<-other
		}
	}
}

func defaultLocks(ch chan int, mu *sync.Mutex) {
	for {
		select {
		case <-ch:
			return
		default:
			mu.Lock()
			mu.Unlock()
		}
	}
}

func defaultCondWait(ch chan int, c *sync.Cond) {
	for {
		select {
		case <-ch:
			return
		default:
			c.Wait()
		}
	}
}

func defaultWaitsOnTicker(ch chan int, t *time.Ticker) {
	for {
		select {
		case <-ch:
			return
		default:
			<-t.C
		}
	}
}

func defaultNestedSelect(ch, other chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			select {
			case <-other:
			case <-ch:
			}
		}
	}
}

// A method value of a blocking method, called through a variable.
func methodValue(ch chan int, wg *sync.WaitGroup) {
	wait := wg.Wait
	for {
		select {
		case <-ch:
			return
		default:
			wait()
		}
	}
}

// Even a function value of a non-blocking function: its code is not known
// at the call.
func funcValue(ch chan int) {
	yield := runtime.Gosched
	for {
		select {
		case <-ch:
			return
		default:
			yield()
		}
	}
}

func sleepAfterSelect(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
		}
		time.Sleep(time.Millisecond)
	}
}

func workAfterSelect(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
		}
		work()
	}
}

func receiveBeforeSelect(ch, other chan int) {
	for {
		v := <-other
		_ = v
		select {
		case <-ch:
			return
		default:
		}
	}
}

func userCodeInCondition(ch chan int, more func() bool) {
	for more() {
		select {
		case <-ch:
		default:
		}
	}
}

func userCodeInCaseOperand(next func() int, out chan int) {
	for {
		select {
		case out <- next():
		default:
		}
	}
}

// A try-send outside a loop.
func trySend(out chan int) bool {
	select {
	case out <- 1:
		return true
	default:
		return false
	}
}

// The select does not run on every iteration.
func conditionalSelect(ch chan int, poll bool) {
	for {
		if poll {
			select {
			case <-ch:
			default:
			}
		}
	}
}

// A bounded retry: the post statement makes progress.
func boundedRetry(out chan int) bool {
	for i := 0; i < 3; i++ {
		select {
		case out <- 1:
			return true
		default:
		}
	}
	return false
}

// A range loop: one poll per element.
func pollEach(chans []chan int) (got []int) {
	for _, ch := range chans {
		select {
		case v := <-ch:
			got = append(got, v)
		default:
		}
	}
	return got
}

// A cancellation check in a loop that consumes a buffer.
func consume(ctx context.Context, buf []byte, dst []byte) int {
	n := 0
	for len(buf) > 0 {
		select {
		case <-ctx.Done():
			return n
		default:
		}
		k := copy(dst, buf)
		buf = buf[k:]
		n += k
	}
	return n
}

// Exit after the select and progress in the body.
func scanWithExit(ctx context.Context, xs []int) int {
	i, sum := 0, 0
	for {
		select {
		case <-ctx.Done():
			return sum
		default:
		}
		if i == len(xs) {
			return sum
		}
		sum += xs[i]
		i++
	}
}

// A mutating atomic operation in a loop with a condition.
func atomicProgress(n *atomic.Int64, ch chan int) {
	for n.Load() > 0 {
		select {
		case <-ch:
		default:
			n.Add(-1)
		}
	}
}

func spawns(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			go work()
		}
	}
}

func closure(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			f := func() {}
			_ = f
		}
	}
}

// An inner loop is work between polls, not waiting.
func innerLoopIsWork(quit chan int, buf []int) {
	for {
		select {
		case <-quit:
			return
		default:
			for i := range buf {
				buf[i] = 0
			}
		}
	}
}

func rangeOverChannelInDefault(ch, other chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			for v := range other {
				_ = v
			}
		}
	}
}

func printsInDefault(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default:
			println("waiting")
		}
	}
}

func suppressed(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: //nolint:selectspin // a test of suppression
		}
	}
}

func suppressedAbove(ch chan int) {
	//nolint:selectspin // spinning on purpose
	for {
		select {
		case <-ch:
			return
		default:
		}
	}
}

func otherNolint(ch chan int) {
	for {
		select {
		case <-ch:
			return
		default: //nolint:errcheck // want `spins a CPU core`
		}
	}
}

// Loops with a condition spin too when the default branch changes nothing
// the condition reads.
func whileRunningCounting(running *bool, ch chan int) int {
	n := 0
	for *running {
		select {
		case v := <-ch:
			_ = v
		default: // want `spins a CPU core`
			n++
		}
	}
	return n
}

type poller struct {
	running bool
	misses  int
	stop    atomic.Bool
	polls   atomic.Int64
}

func (p *poller) loop(ch chan int) {
	for p.running {
		select {
		case <-ch:
			p.running = false
		default: // want `spins a CPU core`
			p.misses++
		}
	}
}

func (p *poller) atomicLoop(ch chan int) {
	for !p.stop.Load() {
		select {
		case <-ch:
		default: // want `spins a CPU core`
			p.polls.Add(1)
		}
	}
}

// Near misses: the iteration changes what the condition reads, or the
// condition calls code that may be the progress.
func countsTowardsCondition(ch chan int) {
	tries := 0
	for tries < 3 {
		select {
		case <-ch:
			return
		default:
			tries++
		}
	}
}

func (p *poller) stopsItself(ch chan int) {
	for p.running {
		select {
		case <-ch:
		default:
			p.misses++
			p.running = p.misses < 10
		}
	}
}

func (p *poller) atomicStops(ch chan int) {
	for !p.stop.Load() {
		select {
		case <-ch:
		default:
			p.stop.Store(true)
		}
	}
}

type iter struct{ n int }

func (it *iter) Next() bool { it.n--; return it.n > 0 }

func condCalls(it *iter, ch chan int, seen *int) {
	for it.Next() {
		select {
		case <-ch:
		default:
			*seen++
		}
	}
}

func withPost(ch chan int, hits *int) {
	for i := 0; i < 10; i++ {
		select {
		case <-ch:
		default:
			*hits++
		}
	}
}
