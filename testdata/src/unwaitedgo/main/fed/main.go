// The seed's example: main feeds a buffered channel to workers and exits.
package main

import "fmt"

func ship(o int) { fmt.Println("shipped", o) }

func main() {
	jobs := make(chan int, 10)
	for i := 0; i < 4; i++ {
		go func() { // want `main hands work to this goroutine through channel jobs and can end without waiting for it: when main returns the process exits`
			for o := range jobs {
				ship(o)
			}
		}()
	}
	for o := range 100 {
		jobs <- o
	}
	close(jobs)
}
