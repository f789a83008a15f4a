// Package lib holds functions whose waiting is known to importers only
// through facts.
package lib

import "sync"

var wg sync.WaitGroup

// Drain waits until ch is closed.
func Drain(ch chan int) {
	for range ch {
	}
}

// Shutdown waits indirectly, through an unexported helper.
func Shutdown() {
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
func (s *Server) Start() error {
	return s.Serve()
}

// Serve is a blocking server loop by its name.
func (s *Server) Serve() error {
	select {}
}

// Keep is generic and waits.
func Keep[T any](ch chan T) T {
	return <-ch
}
