//go:build go1.21

// This file is lowered to go1.21 by its build line: its loops share their
// variables even though the module is at go 1.24.
package go124

func oldFile(orders []Order) {
	for _, o := range orders {
		go func() { ship(o) }() // want `goroutine captures loop variable o`
	}
}
