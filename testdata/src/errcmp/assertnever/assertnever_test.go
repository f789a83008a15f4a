package assertnever

import (
	"io/fs"
	"testing"

	"errcmp/freshlib"
)

// Tests are not checked: errcmp keeps to production code.
func TestLoad(t *testing.T) {
	if _, ok := freshlib.Load("x").(*fs.PathError); ok {
		t.Fatal("unexpected")
	}
}
