// Near misses: a goroutine fed through a channel main never sends on (a
// leak, not dropped work);
// a receive after a loop that contains the go statement.
package main

import (
	"fmt"
	"os"
)

func main() {
	jobs := make(chan int, 10)
	for i := 0; i < 5; i++ {
		go func() {
			for j := range jobs {
				fmt.Println(i, j)
			}
		}()
	}
	results := make(chan int)
	for i := range 3 {
		go func() {
			results <- i
		}()
		if i == 2 {
			break
		}
	}
	for v := range results {
		fmt.Println(v)
	}
	// A channel of bool carries a stop signal, not work.
	quit := make(chan bool)
	go ticker(quit)
	quit <- true
	if len(os.Args) > 0 {
		return
	}
}

func ticker(quit chan bool) {
	for {
		select {
		case <-quit:
			return
		default:
			fmt.Println("tick")
		}
	}
}
