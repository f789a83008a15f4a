// Sleeping is not waiting; the worker is a function of this package that
// gets the channel as an argument.
package main

import (
	"fmt"
	"time"
)

func worker(jobs chan string) {
	for j := range jobs {
		fmt.Println(j)
	}
}

func main() {
	jobs := make(chan string)
	go worker(jobs) // want `main hands work to this goroutine through channel jobs .*; time.Sleep does not wait for a goroutine`
	jobs <- "a"
	jobs <- "b"
	time.Sleep(100 * time.Millisecond) // "give the worker time to finish"
}
