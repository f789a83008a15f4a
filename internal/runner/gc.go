package runner

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Past largeHeap of live data, the garbage collector runs at lowerGC
// percent instead of its default 100: the heap then grows to 1.75 times
// the live data between collections instead of 2 times. Parsing and
// type-checking make garbage fast, so the default lets a large run's
// resident memory reach 2.7 times its live data. Measured on hugo (3,245
// packages): peak RSS 663 MiB at 100, 467 MiB at 75, for 10% more CPU;
// small graphs, whose live data stays below the threshold, pay nothing.
const (
	largeHeap = 128 << 20
	lowerGC   = 75
)

// tuneGC lowers the collector's target while the live heap is large, until
// stop is called. A GOGC that the user set is left alone.
func tuneGC() (stop func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	percent := 100
	stopWatch := WatchLiveHeap(50*time.Millisecond, func(live uint64) {
		want := 100
		if live > largeHeap {
			want = lowerGC
		}
		if want != percent {
			percent = want
			debug.SetGCPercent(percent)
		}
	})
	return func() {
		stopWatch()
		debug.SetGCPercent(100)
	}
}

// WatchLiveHeap calls f with the live heap (what the last collection
// marked) at every tick of the interval, from a goroutine of its own,
// until stop is called; stop returns once f has returned for good.
func WatchLiveHeap(every time.Duration, f func(live uint64)) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				f(sample[0].Value.Uint64())
			}
		}
	}()
	return func() { close(done); <-finished }
}
