// Near miss: main blocks on a signal after feeding the workers.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	jobs := make(chan int, 10)
	go func() {
		for j := range jobs {
			fmt.Println(j)
		}
	}()
	jobs <- 1
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	s := <-sig
	fmt.Println("got", s)
}
