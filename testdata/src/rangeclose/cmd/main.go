// Package main: goroutines of main end with the process.
package main

import (
	"fmt"
	"net/http"
)

func worker(jobs <-chan int) {
	for j := range jobs { // made in main: ends with the process
		fmt.Println(j)
	}
}

func main() {
	jobs := make(chan int)
	go worker(jobs)
	results := make(chan int)
	go func() {
		for r := range results { // made in main, ranged in another goroutine
			fmt.Println(r)
		}
	}()
	for i := range 3 {
		jobs <- i
		results <- i
	}

	// A range in main's own goroutine hangs the program instead of
	// letting it exit.
	done := make(chan int)
	go func() { done <- 1 }()
	for d := range done { // want `range over done never ends`
		fmt.Println(d)
	}

	// A channel made per request in a handler leaks per request.
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		parts := make(chan string)
		go func() {
			for _, p := range []string{"a", "b"} {
				parts <- p
			}
		}()
		for p := range parts { // want `range over parts never ends`
			fmt.Fprintln(w, p)
		}
	})
}
