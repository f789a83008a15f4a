package a

import (
	"errors"
	"log"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"time"

	"rangeclose/other"
)

type Order struct{ ID int }

func ship(Order) {}

// The seed case: workers range over jobs that nobody closes.
func workerPool(orders []Order) {
	jobs := make(chan Order, 10)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range jobs { // want `^range over jobs never ends: jobs \(made at line 21\) is never closed, so this loop blocks forever after the last value and its goroutine leaks \(or the program deadlocks\); close\(jobs\) after the last send: defer close\(jobs\) in the sending goroutine or, when several goroutines send, close it after their WaitGroup's Wait$`
				ship(o)
			}
		}()
	}
	for _, o := range orders {
		jobs <- o
	}
	wg.Wait()
}

// Near miss: the same pool with close after the last send.
func workerPoolClosed(orders []Order) {
	jobs := make(chan Order, 10)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range jobs {
				ship(o)
			}
		}()
	}
	for _, o := range orders {
		jobs <- o
	}
	close(jobs)
	wg.Wait()
}

// Results collected from goroutines, never closed: the collecting loop
// deadlocks after the last result.
func fanIn(urls []string) []int {
	results := make(chan int)
	for _, u := range urls {
		go func() { results <- len(u) }()
	}
	var out []int
	for r := range results { // want `range over results never ends`
		out = append(out, r)
	}
	return out
}

// Near miss: closed by a goroutine that waits for the senders.
func fanInClosed(urls []string) []int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() { defer wg.Done(); results <- len(u) }()
	}
	go func() { wg.Wait(); close(results) }()
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// Near miss: the loop counts the results and breaks out.
func fanInCounted(urls []string) []int {
	results := make(chan int)
	for _, u := range urls {
		go func() { results <- len(u) }()
	}
	var out []int
	for r := range results {
		out = append(out, r)
		if len(out) == len(urls) {
			break
		}
	}
	return out
}

// Near miss: the loop returns on the last value.
func fanInReturn(urls []string) int {
	results := make(chan int, len(urls))
	for _, u := range urls {
		go func() { results <- len(u) }()
	}
	n := 0
	for r := range results {
		n += r
		if r == 0 {
			return n
		}
	}
	return n
}

// Near miss: a labelled break and continue of an outer loop.
func labelled(ch2 chan int) {
	ch := make(chan int)
	go func() { ch <- 1 }()
outer:
	for {
		for v := range ch {
			if v > 0 {
				break outer
			}
		}
	}
	done := make(chan int)
	go func() { done <- 1 }()
	for i := 0; i < 3; i++ {
	inner:
		for v := range done {
			switch v {
			case 1:
				break inner
			}
		}
	}
	errs := make(chan int)
	go func() { errs <- 1 }()
loop:
	for i := 0; i < 3; i++ {
		for range errs {
			continue loop
		}
	}
}

// A break that ends a switch or a select does not leave the range loop.
func breakInSwitch() {
	ch := make(chan int)
	go func() { ch <- 1 }()
	for v := range ch { // want `range over ch never ends`
		switch v {
		case 1:
			break
		}
		select {
		default:
			break
		}
		for range 3 {
			break
		}
		func() {
			return // returns from the literal only
		}()
	}
}

// Near miss: panic, os.Exit, log.Fatal, runtime.Goexit and goto leave.
func leaving() {
	a := make(chan int)
	go func() { a <- 1 }()
	for v := range a {
		if v < 0 {
			panic(errors.New("negative"))
		}
	}
	b := make(chan int)
	go func() { b <- 1 }()
	for range b {
		os.Exit(1)
	}
	c := make(chan int)
	go func() { c <- 1 }()
	for range c {
		log.Fatalf("x")
	}
	d := make(chan int)
	go func() { d <- 1 }()
	for range d {
		runtime.Goexit()
	}
	e := make(chan int)
	go func() { e <- 1 }()
	for range e {
		goto end
	}
end:
}

// Near miss: defer close, close in a nested closure, close in a select.
func closes() {
	a := make(chan int)
	go func() {
		defer close(a)
		a <- 1
	}()
	for range a {
	}
	b := make(chan int)
	go func() {
		func() {
			if true {
				close((b))
			}
		}()
	}()
	for range b {
	}
}

// Near miss: an alias is treated as an escape (c2 may be closed).
func alias() {
	ch := make(chan int)
	c2 := ch
	go func() { c2 <- 1; close(c2) }()
	for range ch {
	}
	d := make(chan int)
	var ro <-chan int = d
	_ = ro
	for range d {
	}
}

// Escapes: returned, stored, sent, address taken, converted, passed to
// another package, to an interface method, to a function value.
type holder struct{ ch chan int }

var global chan int

func escapes(cl other.Closer, f func(chan int)) (chan int, *holder) {
	a := make(chan int)
	go func() { a <- 1 }()
	for range a {
	}
	b := make(chan int)
	h := &holder{ch: b}
	for range b {
	}
	c := make(chan int)
	global = c
	for range c {
	}
	d := make(chan int)
	m := map[string]chan int{"d": d}
	_ = m
	for range d {
	}
	e := make(chan int)
	s := []chan int{e}
	_ = s
	for range e {
	}
	g := make(chan int)
	chch := make(chan chan int, 1)
	chch <- g
	for range g {
	}
	i := make(chan int)
	p := &i
	_ = p
	for range i {
	}
	j := make(chan int)
	go other.Consume(j)
	for range j {
	}
	k := make(chan int)
	go cl.Close(k)
	for range k {
	}
	l := make(chan int)
	go f(l)
	for range l {
	}
	n := make(chan int)
	ro := (<-chan int)(n)
	_ = ro
	for range n {
	}
	o := make(chan int)
	sink(o)
	for range o {
	}
	return a, h
}

func sink(xs ...chan int) {}

// signal.Notify hands the channel to another package: the usual daemon
// loop is not reported.
func daemon() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	for s := range sigs {
		log.Println("got", s)
	}
}

// Same-package helpers: followed to see whether they close the channel.
func produce(out chan<- int, n int) {
	for i := range n {
		out <- i
	}
}

func produceAndClose(out chan<- int, n int) {
	defer close(out)
	produce(out, n)
}

func forward(out chan<- int) { produceAndClose(out, 3) }

func store(out chan int) { global = out }

type producer struct{}

func (producer) run(out chan<- int) {
	for i := range 3 {
		out <- i
	}
}

func generic[T any](out chan<- T, v T) { out <- v }

func helpers() {
	a := make(chan int)
	go produce(a, 3)
	for v := range a { // want `range over a never ends`
		_ = v
	}
	b := make(chan int)
	go produceAndClose(b, 3)
	for range b {
	}
	c := make(chan int)
	go forward(c) // closes transitively
	for range c {
	}
	d := make(chan int)
	go store(d) // escapes in the callee
	for range d {
	}
	e := make(chan int)
	go producer{}.run(e)
	for range e { // want `range over e never ends`
	}
	f := make(chan string)
	go generic(f, "x")
	for range f { // want `range over f never ends`
	}
	g := make(chan int)
	go func(out chan<- int) {
		out <- 1
	}(g)
	for range g { // want `range over g never ends`
	}
	h := make(chan int)
	go func(out chan<- int) {
		defer close(out)
		out <- 1
	}(h)
	for range h {
	}
}

// Recursion is assumed to close.
func recurse(out chan int, n int) {
	if n > 0 {
		out <- n
		recurse(out, n-1)
	}
}

func recursive() {
	ch := make(chan int)
	go recurse(ch, 3)
	for range ch {
	}
}

// Parameters, fields and globals belong to whoever made them.
func param(ch chan int, h holder) {
	for range ch {
	}
	for range h.ch {
	}
	for range global {
	}
}

// Reassigned after make: unknown.
func reassigned(other chan int) {
	ch := make(chan int)
	if other != nil {
		ch = other
	}
	for range ch {
	}
	d := make(chan int)
	d = nil
	for range d {
	}
}

// A zero-value declaration made later counts as made.
func declaredLater() {
	var ch chan int
	ch = make(chan int)
	go func() { ch <- 1 }()
	for range ch { // want `range over ch never ends: ch \(made at line 426\)`
	}
	var made = make(chan int, 1)
	made <- 1
	for range made { // want `range over made never ends`
	}
	var z chan int // nil channel, never made: not this analyzer's case
	for range z {
	}
}

// len, cap, comparisons and select cases do not escape.
func harmless() {
	ch := make(chan int, 3)
	go func() {
		for i := 0; i < 3; i++ {
			select {
			case ch <- i:
			default:
			}
		}
	}()
	_ = len(ch) + cap(ch)
	if ch != nil {
	}
	for v := range ch { // want `range over ch never ends`
		_ = v
	}
}

// Near miss: nothing sends, so the loop blocks at once, on purpose (like
// select {}): there is no last send to close after.
func blockForever() {
	ch := make(chan int)
	for range ch {
	}
}

// A producer that stops on cancellation without closing: the consumer
// leaks. Reported.
func producerStops(done chan struct{}) {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			select {
			case ch <- i:
			case <-done:
				return
			}
		}
	}()
	go func() {
		for v := range ch { // want `range over ch never ends`
			_ = v
		}
	}()
}

// Near miss: fed forever. Every send is in a loop without a way out (a
// process-lifetime dispatcher): there is no last send, and the consumer
// is meant to run as long.
func poll() int { return 1 }

func dispatcher() {
	events := make(chan int, 16)
	go func() {
		for {
			events <- poll()
			time.Sleep(time.Second)
		}
	}()
	for ev := range events {
		_ = ev
	}
}

func tickerFed() {
	events := make(chan int)
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
			events <- poll()
		}
	}()
	ticks := make(chan int)
	go func() {
		for now := range time.Tick(time.Second) {
			ticks <- now.Second()
		}
	}()
	for range events {
	}
	for range ticks {
	}
}

// Near miss: a finite producer called again and again by a loop that
// never ends.
func foreverCaller() {
	ch := make(chan int)
	go func() {
		for {
			produce(ch, 3)
		}
	}()
	for range ch {
	}
}

// Near miss: a callback handed to other code may be called at any time;
// no send is known to be the last.
type bus struct{ subs []func(int) }

func (b *bus) subscribe(f func(int)) { b.subs = append(b.subs, f) }

func callbackFed(b *bus) {
	ch := make(chan int)
	b.subscribe(func(v int) { ch <- v })
	for range ch {
	}
}

// sync.WaitGroup.Go runs its function once: its send can be the last.
func waitGroupGo(urls []string) {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() { results <- len(u) })
	}
	for r := range results { // want `range over results never ends`
		_ = r
	}
	wg.Wait()
}

// Near miss: the same, closed after Wait.
func waitGroupGoClosed(urls []string) {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() { results <- len(u) })
	}
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		_ = r
	}
}

//nolint:rangeclose // fed for the life of the process
func suppressed() {
	ch := make(chan int)
	for range ch {
	}
}

// The range is over a parameter of a function literal called at once: the
// loop ranges over the argument (a real leak, fixed upstream with close).
func literalParam(items []int) {
	workCh := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		go func(in <-chan int) {
			for e := range in { // want `range over in never ends: workCh \(made at line \d+\), passed as in, is never closed`
				_ = e
				wg.Done()
			}
		}(workCh)
	}
	for _, it := range items {
		wg.Add(1)
		workCh <- it
	}
	wg.Wait()
}

// Near miss: the same, closed after the sends.
func literalParamClosed(items []int) {
	workCh := make(chan int)
	for range 4 {
		go func(workCh <-chan int) {
			for e := range workCh {
				_ = e
			}
		}(workCh)
	}
	for _, it := range items {
		workCh <- it
	}
	close(workCh)
}

// Near miss: a literal that is not called where it stands.
func literalValue(items []int) {
	ch := make(chan int)
	worker := func(in <-chan int) {
		for range in {
		}
	}
	go worker(ch)
	for _, it := range items {
		ch <- it
	}
}

// A channel made on each iteration of a loop that never ends: the loop
// does not make the sends endless for any one channel.
func perIteration(next func() []int) {
	for {
		batch := make(chan int)
		go func() {
			for _, v := range next() {
				batch <- v
			}
		}()
		for v := range batch { // want `range over batch never ends`
			_ = v
		}
	}
}
