// Package testutils is a test helper by its path, without importing testing.
package testutils

import "fmt"

func Listen(err error) error {
	return fmt.Errorf("listen failed: %v", err)
}
