// Package worker: the range is in a named worker function, the make in its
// callers.
package worker

import "sync"

type Job struct{ ID int }

func handle(Job) {}

// Every caller passes a channel that it never closes.
func worker(id int, jobs <-chan Job, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs { // want `range over jobs never ends: queue \(made at line 21 in dispatch, passed to worker\) is never closed`
		handle(j)
	}
}

func dispatch(batch []Job) {
	var wg sync.WaitGroup
	queue := make(chan Job, len(batch))
	for i := range 3 {
		wg.Add(1)
		go worker(i, queue, &wg)
	}
	for _, j := range batch {
		queue <- j
	}
	wg.Wait()
}

// Near miss: one caller closes, so the worker's loop can end; the leak is
// the other caller's, whose channel is not ranged in its own function.
func closingWorker(jobs <-chan Job) {
	for j := range jobs {
		handle(j)
	}
}

func closes(batch []Job) {
	q := make(chan Job)
	go closingWorker(q)
	for _, j := range batch {
		q <- j
	}
	close(q)
}

func leaks(batch []Job) {
	q := make(chan Job)
	go closingWorker(q)
	for _, j := range batch {
		q <- j
	}
}

// Near miss: used as a function value, callers unknown.
func valueWorker(jobs <-chan Job) {
	for j := range jobs {
		handle(j)
	}
}

var workers = []func(<-chan Job){valueWorker}

func viaValue(batch []Job) {
	q := make(chan Job)
	go valueWorker(q)
	for _, j := range batch {
		q <- j
	}
}

// Near miss: exported, other packages may call it with a closed channel.
func Worker(jobs <-chan Job) {
	for j := range jobs {
		handle(j)
	}
}

func exported(batch []Job) {
	q := make(chan Job)
	go Worker(q)
	for _, j := range batch {
		q <- j
	}
}

// Near miss: the argument is a parameter of the caller.
func paramWorker(jobs <-chan Job) {
	for j := range jobs {
		handle(j)
	}
}

func forwards(q chan Job) {
	go paramWorker(q)
}

// Near miss: a worker that stops on a sentinel.
func sentinelWorker(jobs <-chan Job) {
	for j := range jobs {
		if j.ID < 0 {
			return
		}
		handle(j)
	}
}

func sentinel(batch []Job) {
	q := make(chan Job)
	go sentinelWorker(q)
	for _, j := range batch {
		q <- j
	}
	q <- Job{ID: -1}
}

// Generic workers are followed through their instantiations.
func genericWorker[T any](in <-chan T, f func(T)) {
	for v := range in { // want `range over in never ends: ch \(made at line \d+ in useGeneric, passed to genericWorker\) is never closed`
		f(v)
	}
}

func useGeneric(xs []int) {
	ch := make(chan int)
	go genericWorker(ch, func(int) {})
	for _, x := range xs {
		ch <- x
	}
}

// Two callers, neither closes.
func twoCallers(jobs <-chan Job) {
	for j := range jobs { // want `range over jobs never ends: a \(made at line \d+ in first, passed to twoCallers\) is never closed \(nor is the channel of the other call\)`
		handle(j)
	}
}

func first(batch []Job) {
	a := make(chan Job)
	go twoCallers(a)
	for _, j := range batch {
		a <- j
	}
}

func second(batch []Job) {
	b := make(chan Job)
	go twoCallers(b)
	for _, j := range batch {
		b <- j
	}
}
