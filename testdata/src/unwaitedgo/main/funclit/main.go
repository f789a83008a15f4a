// Near miss: go statements in function literals belong to other code.
package main

import "os"

func save() { _ = os.WriteFile("out", nil, 0o600) }

func main() {
	run := func() {
		go save()
	}
	run()
	func() {
		go save()
	}()
}
