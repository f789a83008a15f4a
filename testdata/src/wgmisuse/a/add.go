package a

import (
	"sync"
	"time"
)

func process(int) {}

// ---- Add inside the goroutine ----

func addFirst(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add is called inside the goroutine it counts: wg.Wait at line 21 can run first`
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()
}

func addLater(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			defer wg.Done()
			process(it)
			if it > 0 {
				wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
			}
		}()
	}
	wg.Wait()
}

// The Add counts a goroutine that this goroutine starts, and nothing
// counts this goroutine: Wait can still return first.
func addForNested(items []int) {
	var wg sync.WaitGroup
	go func() {
		for _, it := range items {
			wg.Add(1) // want `wg.Add is called inside a goroutine, concurrently with wg.Wait at line 51`
			go func() {
				defer wg.Done()
				process(it)
			}()
		}
	}()
	wg.Wait()
}

// The Wait is in the goroutine that closes the results channel.
func addWaitInCloser(items []int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
			defer wg.Done()
			out <- it
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

type server struct {
	wg   sync.WaitGroup
	jobs []int
}

func (s *server) fieldAdd() {
	for _, j := range s.jobs {
		go func() {
			s.wg.Add(1) // want `s.wg.Add is called inside the goroutine it counts: s.wg.Wait at line`
			defer s.wg.Done()
			process(j)
		}()
	}
	(&s.wg).Wait()
}

type embedded struct {
	sync.WaitGroup
	n int
}

func (e *embedded) embeddedAdd() {
	go func() {
		e.Add(1) // want `e.Add is called inside the goroutine it counts: e.WaitGroup.Wait at line`
		defer e.Done()
		process(e.n)
	}()
	e.WaitGroup.Wait()
}

func pointerParam(wg *sync.WaitGroup, n int) {
	go func() {
		wg.Add(n) // want `wg.Add is called inside the goroutine it counts`
		defer wg.Done()
	}()
	wg.Wait()
}

func methodValue() {
	var wg sync.WaitGroup
	add, wait := wg.Add, wg.Wait
	go func() {
		add(1) // want `wg.Add is called inside the goroutine it counts`
		defer wg.Done()
	}()
	wait()
}

func methodExpr() {
	var wg sync.WaitGroup
	go func() {
		(*sync.WaitGroup).Add(&wg, 1) // want `wg.Add is called inside the goroutine`
		defer wg.Done()
	}()
	wg.Wait()
}

// Sleeping is not synchronisation.
func sleepIsNoSync() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
		defer wg.Done()
	}()
	time.Sleep(time.Millisecond)
	wg.Wait()
}

// ---- near misses ----

// Add before go.
func addBefore(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()
}

// The outer Add counts the outer goroutine: the counter is above zero
// while the inner Add runs.
func nestedCounted(items []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, it := range items {
			wg.Add(1)
			go func() {
				defer wg.Done()
				process(it)
			}()
		}
	}()
	wg.Wait()
}

// Wait only inside the goroutine.
func waitInside() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
		wg.Wait()
	}()
}

// A different WaitGroup is waited for.
func differentWG() {
	var wg, other sync.WaitGroup
	go func() {
		wg.Add(1)
		defer wg.Done()
	}()
	other.Wait()
}

// Two servers: same field, different variables.
func differentReceiver(a, b *server) {
	go func() {
		a.wg.Add(1)
		defer a.wg.Done()
	}()
	b.wg.Wait()
}

// The goroutine has done its Add before it closes ready; the Wait comes
// after the receive.
func channelSync() {
	var wg sync.WaitGroup
	ready := make(chan struct{})
	go func() {
		wg.Add(1)
		close(ready)
		defer wg.Done()
	}()
	<-ready
	wg.Wait()
}

// The Wait runs before the go statement.
func waitBefore() {
	var wg sync.WaitGroup
	wg.Wait()
	go func() {
		wg.Add(1)
		defer wg.Done()
	}()
}

// Wait in another method: not this analyzer's call (see doc).
func (s *server) start() {
	go func() {
		s.wg.Add(1)
		defer s.wg.Done()
	}()
}

func (s *server) stop() { s.wg.Wait() }

// Add(-1) is a Done.
func addNegative() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Add(-1)
	}()
	wg.Wait()
}

// The WaitGroup is the goroutine's own.
func ownWG() {
	go func() {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done() }()
		wg.Wait()
	}()
}

// Since Go 1.25 wg.Go counts by itself.
func useGo(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() {
			process(it)
		})
	}
	wg.Wait()
}

// A lock between the go statement and the Wait may order them.
func lockSync() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	mu.Lock()
	go func() {
		wg.Add(1)
		mu.Unlock()
		defer wg.Done()
	}()
	mu.Lock()
	wg.Wait()
}

// ---- Add after go ----

func addAfterGo(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			defer wg.Done()
			process(it)
		}()
		wg.Add(1) // want `wg.Add runs after the go statement it counts for`
	}
	wg.Wait()
}

func worker(wg *sync.WaitGroup, n int) {
	defer wg.Done()
	process(n)
}

func addAfterGoWorker() {
	var wg sync.WaitGroup
	go worker(&wg, 1)
	wg.Add(1) // want `wg.Add runs after the go statement it counts for`
	wg.Wait()
}

func (s *server) run() {
	defer s.wg.Done()
}

func addAfterGoMethod(s *server) {
	go s.run()
	s.wg.Add(1) // want `s.wg.Add runs after the go statement`
}

func addAfterGoMethodValue(done func()) {
	var wg sync.WaitGroup
	go func(f func()) { defer f() }(wg.Done)
	wg.Add(1) // want `wg.Add runs after the go statement`
	wg.Wait()
}

// near misses

// The goroutine before the Add waits rather than counts.
func closerBeforeAdd() {
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	wg.Add(1)
	go func() { defer wg.Done() }()
	<-done
}

// Each Add comes before its own go statement.
func alternate() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	wg.Add(1)
	go func() { defer wg.Done() }()
	wg.Wait()
}

// The go statement counts another WaitGroup.
func otherWGAfterGo() {
	var wg, other sync.WaitGroup
	other.Add(1)
	go func() { defer other.Done() }()
	wg.Add(1)
	go worker(&wg, 2)
	wg.Wait()
	other.Wait()
}

// A deferred Wait runs after the goroutines start, wherever it is written.
func deferredWait(items []int) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add is called inside the goroutine it counts: wg.Wait at line`
			defer wg.Done()
			process(it)
		}()
	}
}

// Generic code: the WaitGroup is matched by object.
func generic[T any](items []T, f func(T)) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
			defer wg.Done()
			f(it)
		}()
	}
	wg.Wait()
}

type aliasWG = sync.WaitGroup

func alias() {
	var wg aliasWG
	go func() {
		wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
		defer wg.Done()
	}()
	wg.Wait()
}

// The WaitGroup is handed to the literal as an argument (golang/go#23842).
func paramOfLiteral() {
	m := &sync.WaitGroup{}
	for i := 0; i < 100; i++ {
		go func(m *sync.WaitGroup) {
			m.Add(1) // want `m.Add is called inside a goroutine, concurrently with m.Wait`
		}(m)
	}
	m.Wait()
}

type holder struct{ wg sync.WaitGroup }

func paramField(h *holder) {
	go func(p *holder) {
		p.wg.Add(1) // want `p.wg.Add is called inside the goroutine it counts: h.wg.Wait`
		defer p.wg.Done()
	}(h)
	h.wg.Wait()
}

// A WaitGroup of the goroutine's own, handed nothing from outside.
func paramOwn() {
	var wg sync.WaitGroup
	go func(n int) {
		var inner sync.WaitGroup
		inner.Add(n)
		go func() { defer inner.Done() }()
		inner.Wait()
	}(1)
	wg.Wait()
}

// A worker of this package that counts itself: the Add runs in the new
// goroutine.
func selfCounting(wg *sync.WaitGroup, job int) {
	wg.Add(1)
	defer wg.Done()
	_ = job
}

func startSelfCounting(jobs []int) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		go selfCounting(&wg, j) // want `selfCounting calls Add on wg inside the goroutine this statement starts: wg.Wait at line \d+ can run first`
	}
	wg.Wait()
}

// Near misses: the starting function has no Wait, or the worker only
// calls Done.

func startNoWait(wg *sync.WaitGroup, jobs []int) {
	for _, j := range jobs {
		go selfCounting(wg, j)
	}
}

func onlyDone(wg *sync.WaitGroup, job int) {
	defer wg.Done()
	_ = job
}

func startOnlyDone(jobs []int) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go onlyDone(&wg, j)
	}
	wg.Wait()
}

// Wait inside the loop that starts the goroutines: one at a time.
func oneAtATime(jobs []int) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = j
		}()
		wg.Wait() // want `wg.Wait inside the loop waits for the goroutine started in the same iteration before the next one starts`
	}
}

// Near misses: batches, run concurrently within each batch, and a Wait
// for another WaitGroup.
func batches(batches [][]int) {
	var wg sync.WaitGroup
	for _, b := range batches {
		for _, j := range b {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_ = j
			}()
		}
		wg.Wait()
	}
}

func pairs(jobs []int) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(2)
		go func() { defer wg.Done(); _ = j }()
		go func() { defer wg.Done(); _ = j }()
		wg.Wait()
	}
}

func otherGroup(jobs []int, prev *sync.WaitGroup) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = j
		}()
		prev.Wait()
	}
	wg.Wait()
}

// Work between the go statement and the Wait runs concurrently with the
// goroutine; a WaitGroup of the iteration is a handshake.
func overlapped(jobs []int, work func(int)) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(j)
		}()
		work(-j)
		wg.Wait()
	}
}

func perIteration(jobs []int) {
	for _, j := range jobs {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = j
		}()
		wg.Wait()
	}
}
