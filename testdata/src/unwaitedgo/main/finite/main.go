// A goroutine doing a finite job that main drops; the goroutines that are
// background services are not reported.
package main

import (
	"fmt"
	"os"
	"time"
)

type order struct{ id int }

func (o order) save() error {
	return os.WriteFile(fmt.Sprint(o.id), []byte("order"), 0o600)
}

func audit(o order) {
	f, err := os.Create("audit.log")
	if err != nil {
		return
	}
	defer f.Close()
	for i := 0; i < 3; i++ {
		fmt.Fprintln(f, o.id, i)
	}
}

func spinner(d time.Duration) {
	for {
		for _, r := range `-\|/` {
			fmt.Printf("\r%c", r)
			time.Sleep(d)
		}
	}
}

func poll() {
	for {
		fmt.Println("poll")
	}
}

func main() {
	o := order{id: 1}
	go audit(o) // want `main can end while this goroutine is still running: when main returns the process exits and kills the goroutine mid-work`
	go func() { // want `main can end while this goroutine is still running`
		if err := o.save(); err != nil {
			fmt.Println(err)
		}
	}()
	go o.save() // want `main can end while this goroutine is still running`
	go spinner(100 * time.Millisecond)
	go poll()
	go func() {
		time.Sleep(time.Minute)
		os.Exit(2) // a watchdog
	}()
	go func() {}()
	fmt.Println("done")
}
