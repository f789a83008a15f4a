// Near miss: the only return without a wait is the failure path of an
// if err != nil.
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
	go func() {
		defer wg.Done()
		for j := range jobs {
			fmt.Println(j)
		}
	}()
	for _, f := range os.Args[1:] {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
		jobs <- string(data)
	}
	close(jobs)
	wg.Wait()
}
