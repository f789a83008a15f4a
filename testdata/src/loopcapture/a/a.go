// Package a checks the races of goroutines with their loop, which do not
// depend on the Go version.
package a

import (
	"net"
	"sync"
	"sync/atomic"
)

type node struct {
	val  int
	next *node
}

func use(args ...any) {}

func work(n int) (int, error) { return n, nil }

func handle(c net.Conn) {}

func linked(head *node) {
	var cur *node
	for cur = head; cur != nil; cur = cur.next {
		go func() {
			use(cur.val) // want `goroutines started in this loop read cur while the loop writes it`
		}()
	}
}

func walk(head *node) {
	cur := head
	for cur != nil {
		go func() { use(cur.val) }() // want `goroutines started in this loop read cur while the loop writes it`
		cur = cur.next
	}
}

func accept(ln net.Listener) {
	var conn net.Conn
	var err error
	for {
		conn, err = ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close() // want `goroutines started in this loop read conn while the loop writes it`
			handle(conn)
		}()
	}
}

func rangeAssign(items []int) {
	var it int
	for _, it = range items {
		go func() { use(it) }() // want `read it while the loop writes it`
	}
}

func sharedErr(items []int) error {
	var wg sync.WaitGroup
	var err error
	for _, it := range items {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			_, err = work(n) // want `^goroutines started in this loop all assign err without holding a lock: a data race at any Go version that keeps an arbitrary one of the values \(or corrupts it\); collect the errors with errgroup\.Group`
		}(it)
	}
	wg.Wait()
	return err
}

type stats struct{ count, failed int }

func sharedWrites(items []int) []int {
	var (
		wg      sync.WaitGroup
		results []int
		total   int
		st      stats
	)
	for _, it := range items {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			r, _ := work(n)
			results = append(results, r) // want `all assign results without holding a lock: .*; hold a mutex around the assignment, send the results on a channel, or give each goroutine its own slot \(results\[i\]\)`
			total += r                   // want `all assign total without holding a lock`
			st.count++                   // want `all assign st\.count without holding a lock`
		}(it)
	}
	wg.Wait()
	use(total, st)
	return results
}

// nestedLoops: cur is written by the outer loop, and the goroutines are
// started by the inner one.
func nestedLoops(heads []*node) {
	var cur *node
	for _, h := range heads {
		cur = h
		for i := 0; i < 3; i++ {
			go func() { use(cur, i) }() // want `read cur while the loop writes it`
		}
	}
}

// ---- not reported ----

func passed(ln net.Listener) {
	var conn net.Conn
	var err error
	for {
		conn, err = ln.Accept()
		if err != nil {
			return
		}
		go handle(conn)
		go func(c net.Conn) { handle(c) }(conn)
		c := conn
		go func() { handle(c) }()
	}
}

func notWritten(items []int, cfg *node) {
	limit := 10
	for _, it := range items {
		go func() { use(cfg, limit, it) }()
	}
}

// writtenElsewhere: cur is written by another goroutine, not by the loop.
func writtenElsewhere(items []int, mu *sync.Mutex) {
	var cur int
	for _, it := range items {
		go func() {
			mu.Lock()
			cur = it
			mu.Unlock()
		}()
		go func() { use(cur) }()
	}
}

func joinedEachIteration(head *node) error {
	var cur *node
	var wg sync.WaitGroup
	var err error
	for cur = head; cur != nil; cur = cur.next {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err = work(cur.val)
		}()
		wg.Wait()
	}
	done := make(chan struct{})
	for cur = head; cur != nil; cur = cur.next {
		go func() {
			use(cur)
			close(done)
		}()
		select {
		case <-done:
		}
	}
	return err
}

func single(head *node) {
	var cur *node
	for cur = head; cur != nil; cur = cur.next {
		if cur.val == 0 {
			go func() { use(cur) }()
			break
		}
	}
	var err error
	for _, n := range []int{1, 2} {
		go func() { _, err = work(n) }()
		return
	}
	use(err)
}

func syncTypes(items []int) {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		hits  atomic.Int64
		total int64
		ch    = make(chan int)
	)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits.Add(1)
			atomic.AddInt64(&total, int64(it))
			ch <- it
			mu.Lock()
			mu.Unlock()
		}()
	}
	wg.Wait()
}

func indexed(items []int) []int {
	results := make([]int, len(items))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = work(it)
		}()
	}
	wg.Wait()
	return results
}

func locked(items []int) (total int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			total += it
		}()
	}
	wg.Wait()
	return total
}

func once(items []int) error {
	var o sync.Once
	var first error
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := work(it); err != nil {
				o.Do(func() { first = err })
			}
		}()
	}
	wg.Wait()
	return first
}

func localVars(items []int) {
	for _, it := range items {
		var err error
		done := make(chan bool)
		go func() {
			_, err = work(it)
			done <- true
		}()
		<-done
		use(err)
		go func() {
			_, err := work(it)
			use(err)
		}()
	}
}

// tokenRing: each goroutine writes only while it holds the token it
// received (runtime's debuglog test).
func tokenRing(n int) {
	chans := make([]chan bool, n)
	i := 0
	for gid := range chans {
		go func() {
			for {
				<-chans[gid]
				i++
				chans[(gid+1)%n] <- true
			}
		}()
	}
}

// releaseAcquire: the writes are ordered by atomic stores and loads
// (sync/atomic's tests).
func releaseAcquire(n int32) {
	var x struct {
		signal int32
		data   int32
	}
	for p := int32(0); p < 2; p++ {
		go func(p int32) {
			for i := int32(1); i < n; i++ {
				if (i+p)%2 == 0 {
					x.data = i
					atomic.StoreInt32(&x.signal, i)
				} else {
					for atomic.LoadInt32(&x.signal) != i {
					}
					use(x.data)
				}
			}
		}(p)
	}
}

// afterReceive: a receive before the read may order it with the loop's
// writes (a handshake); the analyzer does not follow channels, so it stays
// silent.
func afterReceive(items []int, ready chan struct{}) {
	var cur int
	for _, it := range items {
		cur = it
		go func() {
			<-ready
			use(cur)
		}()
	}
}
