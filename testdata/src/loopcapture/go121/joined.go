package go121

import (
	"sync"

	eg "golang.org/x/sync/errgroup"
)

// joinedInLiteral: the goroutine is joined by the literal that starts it,
// which runs in the iteration (benchmark helpers).
func joinedInLiteral(orders []Order, run func(func())) {
	for _, o := range orders {
		run(func() {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				ship(o)
				wg.Done()
			}()
			wg.Wait()
		})
	}
}

// receivedInArgument: the receive that joins the goroutine is an argument
// of a call, in a literal called in the iteration.
func receivedInArgument(orders []Order, run func(func()), check func(...any)) {
	for _, o := range orders {
		run(func() {
			recovered := make(chan any)
			go func() {
				defer func() { recovered <- recover() }()
				ship(o)
			}()
			check("recover", <-recovered)
		})
	}
}

// notJoinedInLiteral: the literal returns before it waits on some paths.
func notJoinedInLiteral(orders []Order, run func(func())) {
	for _, o := range orders {
		run(func() {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				ship(o) // want `goroutine captures loop variable o`
				wg.Done()
			}()
			if o.ID == 0 {
				return
			}
			wg.Wait()
		})
	}
}

type server struct{}

func (server) Serve(handler func(int)) {}

// callbackInGoroutine: the reference is in a callback that the goroutine
// hands to Serve, which calls it when a request comes; the test protocol
// may keep that within the iteration.
func callbackInGoroutine(orders []Order, srv server) {
	for _, o := range orders {
		go func() {
			srv.Serve(func(int) { ship(o) })
		}()
	}
}

// copies: an errgroup literal cannot take arguments; the variables are
// copied at the top of their loop bodies.
func copies(g *eg.Group, byRegion map[string][]Order) {
	for region, orders := range byRegion {
		for i := range orders {
			g.Go(func() error {
				use(region, orders, i) // want `errgroup goroutine captures loop variables region, orders and i`
				return nil
			})
		}
	}
}
