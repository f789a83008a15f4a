package never

import (
	"errors"
	"testing"
)

func TestNever(t *testing.T) {
	err := errors.New("x")
	if errors.Is(err, errors.New("x")) { // want `errors.Is can never match this target`
		t.Fatal("unexpected")
	}
}
