// Goroutines started two and three calls below main: each caller's
// return is main's.
package main

import (
	"log"
	"net/http"
	"os"
	"sync"
)

type job struct{ id int }

func ship(job) { _ = os.WriteFile("out", nil, 0o600) }

// startWorkers starts the goroutines and returns.
func startWorkers(jobs []job) {
	for _, j := range jobs {
		go ship(j) // want `startWorkers can return while this goroutine is still running, and its callers then end without waiting for it \(setup calls startWorkers at line \d+ and then returns; run calls setup at line \d+ and then returns; main calls run at line \d+ and then returns\)`
	}
}

// setup calls startWorkers and returns.
func setup(jobs []job) {
	startWorkers(jobs)
}

// run calls setup and returns without waiting.
func run(jobs []job) error {
	setup(jobs)
	return nil
}

// Near misses.

var wg sync.WaitGroup

// startCounted counts its goroutines on wg, which serveWaits waits for.
func startCounted(jobs []job) {
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ship(j)
		}()
	}
}

// serveWaits waits for what startCounted started before it returns.
func serveWaits(jobs []job) error {
	startCounted(jobs)
	wg.Wait()
	return nil
}

// startServer's goroutine serves while serve blocks.
func startServer() {
	go ship(job{})
}

// serve blocks in ListenAndServe after the helper returns.
func serve() error {
	startServer()
	return http.ListenAndServe(":8080", nil)
}

// tooDeep is four calls below main: not followed.
func tooDeep() { go ship(job{}) }
func level3()  { tooDeep() }
func level2()  { level3() }
func level1()  { level2() }

func main() {
	if err := serveWaits(nil); err != nil {
		log.Fatal(err)
	}
	level1()
	if len(os.Args) > 1 {
		if err := serve(); err != nil {
			log.Fatal(err)
		}
	}
	if err := run(nil); err != nil {
		log.Fatal(err)
	}
}
