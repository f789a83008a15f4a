// Goroutines started by the helpers main calls: run's return is main's.
package main

import (
	"log"
	"os"
	"sync"
	"time"
)

type job struct{ id int }

func ship(job) { _ = os.WriteFile("out", nil, 0o600) }

// run hands jobs to workers and returns without waiting for them.
func run(jobs []job) error {
	queue := make(chan job, len(jobs))
	for range 4 {
		go func() { // want `run can return while this goroutine is still running, and main, which calls run at line 94, then returns without waiting for it: the process exits and kills the goroutine mid-work, dropping the jobs still queued on queue or in progress`
			for j := range queue {
				ship(j)
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	return nil
}

// Near misses.

// waits for its workers.
func runWaits(jobs []job) error {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ship(j)
		}()
	}
	wg.Wait()
	return nil
}

// A ticker loop is meant to be stopped by the exit.
func startMetrics() {
	go func() {
		for range time.Tick(time.Second) {
			log.Print("tick")
		}
	}()
}

// Called only from a goroutine of main: not main's path.
func background() {
	go ship(job{})
}

// main waits after it calls this one.
var done = make(chan struct{})

func startAndSignal() {
	go func() {
		ship(job{})
		close(done)
	}()
}

// An early error return is a failure exit.
func early(jobs []job) error {
	if len(jobs) == 0 {
		return nil
	}
	go ship(jobs[0]) // want `early can return while this goroutine is still running`
	if err := check(); err != nil {
		return err
	}
	return nil
}

func check() error { return nil }

func main() {
	startMetrics()
	go func() { background() }()
	startAndSignal()
	<-done
	if err := runWaits(nil); err != nil {
		log.Fatal(err)
	}
	if err := run(nil); err != nil {
		log.Fatal(err)
	}
	if err := early(nil); err != nil {
		log.Fatal(err)
	}
}
