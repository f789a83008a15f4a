// Near miss: goroutines that are background services, stopped by the exit
// on purpose, while main does its job and returns.
package main

import (
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"time"
)

type metrics struct{}

func (metrics) Run() {}

func main() {
	go http.ListenAndServe("localhost:6060", nil) // pprof
	go func() {
		if err := http.ListenAndServe(":9090", nil); err != nil {
			fmt.Println(err)
		}
	}()
	go func() {
		for range time.Tick(time.Second) {
			fmt.Println("tick")
		}
	}()
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		<-sig
		os.Exit(1)
	}()
	go metrics{}.Run()
	fn := func() { fmt.Println("x") }
	go fn()
	go fmt.Println("from another package")
	fmt.Println("batch done")
}
