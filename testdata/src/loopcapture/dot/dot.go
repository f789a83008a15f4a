// Package dot reaches sync through a dot import.
package dot

import . "sync"

func work() error { return nil }

func dotted(n int) error {
	var wg WaitGroup
	var err error
	for i := 0; i < n; i++ {
		wg.Go(func() {
			err = work() // want `goroutines started in this loop all assign err without holding a lock`
		})
	}
	wg.Wait()
	return err
}
