package go121

import eg "golang.org/x/sync/errgroup"

// Group is an alias of errgroup.Group.
type Group = eg.Group

// each starts f on every item, through an alias of errgroup.Group.
func each[T any](items []T, f func(T) error) error {
	var g Group
	for _, it := range items {
		g.Go(func() error { return f(it) }) // want `errgroup goroutine captures loop variable it`
	}
	return g.Wait()
}

// fanOut passes a value of a type parameter as an argument.
func fanOut[K comparable, V any](m map[K]V, sink func(K, V)) {
	for k, v := range m {
		go func() {
			sink(k, v) // want `goroutine captures loop variables k and v`
		}()
	}
}

// generic method value of an instantiated generic type.
type queue[T any] struct{ g eg.Group }

func (q *queue[T]) run(items []T, f func(T) error) {
	for _, it := range items {
		(q.g.Go)(func() error { return f(it) }) // want `errgroup goroutine captures loop variable it`
	}
}
