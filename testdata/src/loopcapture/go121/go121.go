// Package go121 is a module at go 1.21: all iterations of a loop share
// its variables.
package go121

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sort"
	"sync"

	eg "golang.org/x/sync/errgroup"
)

type Order struct{ ID int }

func ship(o Order) error { return nil }

func use(args ...any) {}

func goLast(orders []Order) {
	for _, o := range orders {
		go func() {
			ship(o) // want `^goroutine captures loop variable o; before Go 1\.22 all iterations share one o, so goroutines see a later value \(usually the last\); pass o as an argument or copy it \(o := o\), or move the module to go 1\.22$`
		}()
	}
}

// notLast: the go statement is not the last statement of the body, and it
// is inside an if.
func notLast(orders []Order, wg *sync.WaitGroup) {
	for i, o := range orders {
		if o.ID > 0 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fmt.Println(i, o) // want `goroutine captures loop variables i and o; before Go 1\.22 all iterations share one i and one o, so goroutines see later values`
			}()
		}
		fmt.Println("started")
	}
	wg.Wait()
}

func threeClause(n int) {
	for i := 0; i < n; i++ {
		go func() {
			use(i) // want `goroutine captures loop variable i`
		}()
	}
}

func deferred(files []*os.File) {
	for _, f := range files {
		defer func() {
			f.Close() // want `deferred function captures loop variable f; .* so deferred calls, which run when the function returns, see a later value`
		}()
	}
}

func errgroupGo(orders []Order) error {
	var g eg.Group
	for _, o := range orders {
		g.Go(func() error {
			return ship(o) // want `errgroup goroutine captures loop variable o; .*; copy o \(o := o\) in the loop body, or move the module to go 1\.22`
		})
	}
	return g.Wait()
}

func tryGo(ctx context.Context, orders []Order) error {
	g, ctx := eg.WithContext(ctx)
	for _, o := range orders {
		if !g.TryGo(func() error { return ship(o) }) { // want `errgroup goroutine captures loop variable o`
			break
		}
	}
	return g.Wait()
}

// pool gets Go from its embedded errgroup.Group.
type pool struct{ eg.Group }

func embedded(p *pool, orders []Order) error {
	for _, o := range orders {
		p.Go(func() error { return ship(o) }) // want `errgroup goroutine captures loop variable o`
	}
	return p.Wait()
}

func waitGroupGo(orders []Order) {
	var wg sync.WaitGroup
	for _, o := range orders {
		wg.Go(func() {
			ship(o) // want `WaitGroup.Go goroutine captures loop variable o`
		})
	}
	wg.Wait()
}

func appended(orders []Order) []func() error {
	var fns []func() error
	for _, o := range orders {
		fns = append(fns, func() error { return ship(o) }) // want `function literal stored in fns captures loop variable o; .* so calls made after the iteration see a later value`
	}
	return fns
}

func routes(mux *http.ServeMux, pages map[string]string) {
	handlers := map[string]http.HandlerFunc{}
	for path, body := range pages {
		handlers[path] = func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, body) // want `function literal stored in handlers\[path\] captures loop variable body`
		}
	}
	for path, h := range handlers {
		mux.Handle(path, h)
	}
}

type task struct {
	name string
	run  func() error
}

func structLit(orders []Order) []task {
	var tasks []task
	for _, o := range orders {
		tasks = append(tasks, task{name: "ship", run: func() error { return ship(o) }}) // want `function literal stored in tasks captures loop variable o`
	}
	return tasks
}

// sent: not reported, the receiver may run it within the iteration.
func sent(jobs chan<- func(), orders []Order) {
	for _, o := range orders {
		jobs <- func() { ship(o) }
	}
}

func remembered(orders []Order, id int) func() {
	var found func()
	for _, o := range orders {
		if o.ID == id {
			found = func() { ship(o) } // want `function literal stored in found captures loop variable o`
		}
	}
	return found
}

func alias(orders []Order) {
	for _, o := range orders {
		f := func() { ship(o) } // want `goroutine captures loop variable o; .*; copy o \(o := o\) in the loop body`
		go f()
	}
}

func inSelect(ctx context.Context, orders []Order) {
	for _, o := range orders {
		select {
		case <-ctx.Done():
			return
		default:
			go func() { ship(o) }() // want `goroutine captures loop variable o`
		}
	}
}

// inSyncLit: the goroutine is started by a literal called on the spot.
func inSyncLit(orders []Order) {
	for _, o := range orders {
		func() {
			go func() { ship(o) }() // want `goroutine captures loop variable o`
		}()
	}
}

// movesOn: the body changes i, so a copy would break the loop, and an
// errgroup literal cannot take arguments: no fix.
func movesOn(g *eg.Group, n int) {
	for i := 0; i < n; i++ {
		if i%7 == 0 {
			i++
		}
		g.Go(func() error {
			use(i) // want `errgroup goroutine captures loop variable i`
			return nil
		})
	}
}

// continueFirst: the break after the go statement is not reached when the
// loop continues first.
func continueFirst(orders []Order) {
	for _, o := range orders {
		go func() { ship(o) }() // want `goroutine captures loop variable o`
		if o.ID == 0 {
			continue
		}
		break
	}
}

// nested: the inner goroutine captures the variables of both loops.
func nested(groups [][]Order) {
	for gi, group := range groups {
		for _, o := range group {
			go func() { use(gi, o) }() // want `goroutine captures loop variables gi and o`
		}
		_ = group
	}
}

// ---- not reported ----

func passed(orders []Order) {
	for _, o := range orders {
		go func(o Order) { ship(o) }(o)
		go ship(o)
		defer fmt.Println(o)
	}
}

func copied(orders []Order) {
	for _, o := range orders {
		o := o
		go func() { ship(o) }()
	}
	for i := range orders {
		o := orders[i]
		go func() { ship(o) }()
	}
}

func synchronous(orders []Order, mu *sync.Mutex) {
	for i, o := range orders {
		func() { ship(o) }()
		sort.Slice(orders, func(a, b int) bool { return orders[a].ID < orders[i].ID })
		func() {
			mu.Lock()
			defer func() { use(o); mu.Unlock() }()
		}()
		f := func() { ship(o) }
		f()
	}
}

func firstOnly(orders []Order, id int) {
	for _, o := range orders {
		if o.ID == id {
			go func() { ship(o) }()
			break
		}
	}
	for _, o := range orders {
		go func() { ship(o) }()
		return
	}
	for i := 0; i < len(orders); i++ {
		defer func() { use(i) }()
		if i > 0 {
			panic("only one")
		}
		os.Exit(1)
	}
}

func joined(orders []Order) error {
	for _, o := range orders {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			ship(o)
		}()
		wg.Wait()
	}
	done := make(chan error)
	for _, o := range orders {
		go func() { done <- ship(o) }()
		if err := <-done; err != nil {
			return err
		}
	}
	for _, o := range orders {
		var g eg.Group
		g.Go(func() error { return ship(o) })
		fmt.Println("waiting")
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

// lastWins: every iteration overwrites last, so the closure that survives
// is the last one, which sees the last o, as with per-iteration variables.
func lastWins(orders []Order) func() {
	var last func()
	for _, o := range orders {
		last = func() { ship(o) }
	}
	return last
}

// localSlice: the slice lives and dies within the iteration.
func localSlice(orders []Order) {
	for _, o := range orders {
		var steps []func()
		steps = append(steps, func() { ship(o) })
		for _, s := range steps {
			s()
		}
	}
}

func tRunLike(orders []Order, run func(func())) {
	for _, o := range orders {
		run(func() { ship(o) }) // unknown callee: may be synchronous
	}
}

// raceAndLoopVar: in an old file, the loop variable and the outer variable
// written by the loop are each reported once.
func raceAndLoopVar(ids []int) {
	var cur *Order
	for _, id := range ids {
		cur = &Order{ID: id}
		go func() { use(cur, id) }() // want `read cur while the loop writes it` `goroutine captures loop variable id`
	}
}
