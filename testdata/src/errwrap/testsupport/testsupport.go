// Package testsupport is a test harness: a non-test file imports testing.
package testsupport

import (
	"fmt"
	"testing"
)

type fakeErr struct{ err error }

func (e *fakeErr) Error() string { return e.err.Error() }

// Start is a helper for tests.
func Start(t *testing.T, err error) error {
	t.Helper()
	return fmt.Errorf("start = %v, want <nil>", err)
}
