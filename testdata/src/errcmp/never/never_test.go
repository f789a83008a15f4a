package never

import (
	"errors"
	"testing"
)

func TestNever(t *testing.T) {
	err := errors.New("x")
	// Tests probe custom Is methods with a fresh error that must not match.
	if errors.Is(err, errors.New("x")) {
		t.Fatal("unexpected")
	}
}
