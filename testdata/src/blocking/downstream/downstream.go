// Package downstream waits only through upstream's facts.
package downstream

import (
	up "blocking/upstream"
)

// Flush waits through a renamed import.
func Flush(ch chan int) { // want Flush:"mayBlock"
	up.Drain(ch)
}

// Run waits through a method.
func Run(s *up.Server) { // want Run:"mayBlock"
	_ = s.Start()
}

// Take waits through an instantiation.
func Take(ch chan string) string { // want Take:"mayBlock"
	return up.Keep(ch)
}

// Quiet calls only functions that do not wait.
func Quiet(ch chan int) {
	up.Log("x")
	up.Poll(ch)
	up.Async(ch)
	_ = up.Later(ch)
}

// Alias is another name for upstream's Server.
type Alias = up.Server

// ViaAlias waits through the alias's method.
func ViaAlias(a *Alias) { // want ViaAlias:"mayBlock"
	_ = a.Serve()
}
