// An early return that is not an error path drops the work.
package main

import (
	"fmt"
	"os"
	"sync"
)

func main() {
	jobs := make(chan string)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `main hands work to this goroutine through channel jobs`
		defer wg.Done()
		for j := range jobs {
			fmt.Println(j)
		}
	}()
	for _, f := range os.Args[1:] {
		jobs <- f
		if f == "--last" {
			return
		}
	}
	close(jobs)
	wg.Wait()
}
