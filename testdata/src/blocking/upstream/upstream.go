// Package upstream holds functions whose waiting is known to importers only
// through facts.
package upstream

import "sync"

var wg sync.WaitGroup

// Drain waits until ch is closed.
func Drain(ch chan int) { // want Drain:"mayBlock"
	for range ch {
	}
}

// Shutdown waits indirectly, through an unexported helper.
func Shutdown() { // want Shutdown:"mayBlock"
	waitAll()
}

func waitAll() {
	wg.Wait()
}

// Log does not wait.
func Log(msg string) { _ = msg }

// Server serves until the process ends.
type Server struct{}

// Start blocks in Serve.
func (s *Server) Start() error { // want Start:"mayBlock"
	return s.Serve()
}

// Serve is a blocking server loop by its name.
func (s *Server) Serve() error { // want Serve:"mayBlock"
	select {}
}

// Keep is generic and waits.
func Keep[T any](ch chan T) T { // want Keep:"mayBlock"
	return <-ch
}

// Poll does not wait: its select has a default.
func Poll(ch chan int) {
	select {
	case <-ch:
	default:
	}
}

// Async starts the wait in a goroutine and returns.
func Async(ch chan int) {
	go Drain(ch)
}

// Later hands the wait to a literal it does not call.
func Later(ch chan int) func() {
	return func() { <-ch }
}
