package a

import (
	"testing"

	"errcmp/lib"
)

func TestCompare(t *testing.T) {
	err := lib.Find("x")
	if err != lib.ErrNotFound { // tests fail visibly: not reported
		t.Fatal(err)
	}
	if _, ok := err.(*lib.NotFoundError); ok {
		t.Fatal(err)
	}
}
