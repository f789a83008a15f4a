package calls

import (
	"sync"
	"sync/atomic"

	"loopcapture/callslib"
	. "loopcapture/callslib"
	cl "loopcapture/callslib"
)

type item struct{ key string }

type worker struct {
	done    int
	last    string
	seen    map[string]bool
	mu      sync.Mutex
	n       atomic.Int64
	results chan string
}

// process writes two fields of the receiver without a lock.
func (w *worker) process(it item) {
	w.done++
	w.last = it.key
	w.seen[it.key] = true
}

// safe locks around its writes.
func (w *worker) safe(it item) {
	w.mu.Lock()
	w.done++
	w.mu.Unlock()
}

// counted uses an atomic: its writes may be ordered by it.
func (w *worker) counted(it item) {
	w.n.Add(1)
	w.last = it.key
}

// send writes nothing: it hands the result over.
func (w *worker) send(it item) {
	w.results <- it.key
}

var total int

// bump assigns a package-level variable.
func bump() {
	total++
}

// mark writes the map it is given.
func mark(m map[string]bool, key string) {
	m[key] = true
}

// setLast writes through its pointer parameter.
func setLast(w *worker, key string) {
	w.last = key
}

type base struct{ hits int }

func (b *base) hit() { b.hits++ }

type server struct {
	base
	stats *callslib.Stats
}

func generic[T any](w *worker, v T) {
	w.done++
}

func positives(items []item, w *worker, s *server) {
	for _, it := range items {
		go w.process(it) // want `goroutines started in this loop all call w.process, which writes map w.seen without holding a lock`
	}
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.process(it) // want `goroutines started in this loop all call w.process, which writes map w.seen without holding a lock`
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, it := range items {
		go mark(seen, it.key) // want `goroutines started in this loop all call mark, which writes map seen without holding a lock: concurrent map writes stop the whole process`
	}
	for range items {
		go bump() // want `goroutines started in this loop all call bump, which assigns total without holding a lock`
	}
	for _, it := range items {
		go setLast(w, it.key) // want `all call setLast, which assigns w.last without holding a lock`
	}
	for range items {
		go s.hit() // want `all call s.hit, which assigns s.base.hits without holding a lock`
	}
	for _, it := range items {
		go s.stats.Record(it.key) // want `all call s.stats.Record, which writes map s.stats.ByKey without holding a lock`
	}
	var st cl.Stats
	_ = Stats{} // the dot import
	for _, it := range items {
		go st.Record(it.key) // want `all call st.Record, which writes map st.ByKey without holding a lock`
	}
	m := map[string]bool{}
	for _, it := range items {
		go callslib.Fill(m, it.key) // want `all call callslib.Fill, which writes map m without holding a lock`
	}
	for _, it := range items {
		go (*worker).process(w, it) // want `all call \(\*worker\).process, which writes map w.seen without holding a lock`
	}
	for range items {
		go (*server).hit(s) // want `all call \(\*server\).hit, which assigns s.base.hits without holding a lock`
	}
	for _, it := range items {
		go Fill(m, it.key) // want `all call callslib.Fill, which writes map m without holding a lock`
	}
	for _, it := range items {
		go generic(w, it) // want `all call generic, which assigns w.done without holding a lock`
	}
}

func nearMisses(items []item, w *worker, workers []*worker, l *callslib.Locked) {
	for _, it := range items {
		go w.safe(it)    // locks
		go w.counted(it) // an atomic operation
		go w.send(it)    // a channel
		go l.Record()    // locks, in another package
	}
	for _, it := range items {
		go callslib.Value{}.Bump() // a value receiver writes its copy
		_ = it
	}
	for i, it := range items {
		go workers[i].process(it) // another worker per goroutine
	}
	for _, wk := range workers {
		go wk.process(item{}) // the range variable: another worker per iteration
	}
	for _, it := range items {
		own := &worker{seen: map[string]bool{}}
		go own.process(it) // declared in the iteration
	}
	cur := w
	for _, it := range items {
		cur = &worker{seen: map[string]bool{}}
		go cur.process(it) // reassigned by the loop: a new worker each time
	}
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.process(it)
		}()
		wg.Wait() // one at a time
	}
	for _, it := range items {
		go func() {
			w.mu.Lock()
			defer w.mu.Unlock()
			w.process(it) // under the goroutine's lock
		}()
	}
	for _, it := range items {
		go func() {
			key := <-w.results
			w.process(item{key}) // after a receive: may be ordered
			_ = it
		}()
	}
	for _, it := range items {
		go func() {
			once := func() { w.process(it) }
			register(once) // runs elsewhere
		}()
	}
	go w.process(item{}) // not in a loop
	for _, it := range items {
		go w.process(it)
		break // one goroutine
	}
	for _, it := range items {
		done := make(chan struct{})
		go func() {
			w.process(it)
			close(done)
		}()
		<-done
	}
}

func register(func()) {}
