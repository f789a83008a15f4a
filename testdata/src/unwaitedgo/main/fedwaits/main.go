// Near miss of fed: the workers are waited for.
package main

import (
	"fmt"
	"sync"
)

func ship(o int) { fmt.Println("shipped", o) }

func worker(jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for o := range jobs {
		ship(o)
	}
}

func main() {
	jobs := make(chan int, 10)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go worker(jobs, &wg)
	}
	for o := range 100 {
		jobs <- o
	}
	close(jobs)
	wg.Wait()
}
