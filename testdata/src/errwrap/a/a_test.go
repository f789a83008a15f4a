package a

import (
	"fmt"
	"testing"
)

type testErr struct{ err error }

func (e *testErr) Error() string { return e.err.Error() }

func TestX(t *testing.T) {
	err := fmt.Errorf("boom")
	t.Errorf("got %v", err)
	_ = fmt.Errorf("in a test: %v", err)
}
