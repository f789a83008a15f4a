// Near miss: signal.NotifyContext and <-ctx.Done() in a select.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			fmt.Println(j)
		}
	}()
	jobs <- 1
	select {
	case <-ctx.Done():
	}
	fmt.Println("bye")
}
