// os.Exit(0) ends the program like a return; os.Exit(1) is a failure exit.
package main

import (
	"fmt"
	"os"
)

func save(s string) { _ = os.WriteFile("out", []byte(s), 0o600) }

func main() {
	go save("x") // want `main can end while this goroutine is still running: when main calls os.Exit\(0\) the process exits`
	if len(os.Args) > 1 {
		fmt.Println("failed")
		os.Exit(1)
	}
	os.Exit(0)
}
