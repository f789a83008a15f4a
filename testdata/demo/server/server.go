// Package server is the order API and its worker pool.
package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"

	"example.com/demo/upstream"
)

// scratch is a buffer for encoding responses.
type scratch struct {
	buf [256]byte
	n   int
}

// scratchPool holds scratch buffers.
// poolmisuse: a scratch value (264 bytes) is copied to the heap on every Put.
var scratchPool = sync.Pool{New: func() any { return scratch{} }}

// Pricer prices one item.
type Pricer interface {
	Price(item string) (int, error)
}

// Order is a request to price a list of items.
type Order struct {
	ID    string   `json:"id"`
	Items []string `json:"items"`
}

// API accepts orders and prices them in a pool of workers.
type API struct {
	pricer  Pricer
	workers int
	jobs    chan Order

	mu     sync.Mutex
	totals map[string]int

	priced int64 // orders priced, counted atomically by the workers
}

// New returns an API that prices orders with workers goroutines.
func New(p Pricer, workers int) *API {
	return &API{pricer: p, workers: workers, jobs: make(chan Order, 64), totals: map[string]int{}}
}

// Start starts the worker pool.
func (a *API) Start() {
	for i := 0; i < a.workers; i++ {
		go a.work(i)
	}
}

func (a *API) work(id int) {
	for o := range a.jobs {
		total := 0
		for _, item := range o.Items {
			cents, err := a.pricer.Price(item)
			// errcmp: the target is a fresh error, equal to none that Price
			// returns, so this never matches; use upstream.ErrUnknownItem.
			if errors.Is(err, fmt.Errorf("price: %w", upstream.ErrUnknownItem)) {
				continue // unknown items are free
			}
			if err != nil {
				log.Printf("worker %d: order %s: %v", id, o.ID, err)
				continue
			}
			total += cents
		}
		a.mu.Lock()
		a.totals[o.ID] = total
		a.mu.Unlock()
		atomic.AddInt64(&a.priced, 1)
	}
}

// HandleStats reports how many orders were priced.
func (a *API) HandleStats(w http.ResponseWriter, _ *http.Request) {
	s := scratchPool.Get().(scratch)
	// atomicmix: a plain read races with the workers' atomic.AddInt64.
	out := fmt.Appendf(s.buf[:0], "priced %d\n", a.priced)
	w.Write(out)
	scratchPool.Put(s)
}

// WaitIdle returns once the job queue is empty or stop is closed.
func (a *API) WaitIdle(stop <-chan struct{}) {
	for len(a.jobs) > 0 {
		select {
		case <-stop:
			return
		default:
			// selectspin: nothing here blocks, so the loop burns a core.
			runtime.Gosched()
		}
	}
}

// HandleOrder queues an order for pricing.
func (a *API) HandleOrder(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	a.jobs <- o
	w.WriteHeader(http.StatusAccepted)
}

// HandleQuote prices the items of a bulk quote in parallel.
func (a *API) HandleQuote(w http.ResponseWriter, r *http.Request) {
	var items []string
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	prices := make(chan int)
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cents, err := a.pricer.Price(item)
			if err != nil {
				log.Printf("quote: %v", err)
			}
			prices <- cents
		}()
	}
	total := 0
	// rangeclose: nobody closes prices, so the loop never ends and the
	// request hangs.
	for cents := range prices {
		total += cents
	}
	fmt.Fprintf(w, "%d\n", total)
}

// HandleBatch queues a batch of orders and answers once all are queued.
func (a *API) HandleBatch(w http.ResponseWriter, r *http.Request) {
	var batch []Order
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var wg sync.WaitGroup
	for _, o := range batch {
		go func() {
			defer wg.Done()
			// wgmisuse: Wait below can run before this Add and return early.
			wg.Add(1)
			a.jobs <- o
		}()
	}
	wg.Wait()
	w.WriteHeader(http.StatusAccepted)
}
