// Without -unwaitedgo.tests, main is checked and the tests are not.
package main

import "os"

func write(name string) error { return os.WriteFile(name, []byte("x"), 0o600) }

func main() {
	go write("out") // want `main can end while this goroutine`
}
