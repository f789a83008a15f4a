package a

import (
	"io"
	"testing"
)

func TestRead(t *testing.T) {
	var r io.Reader
	buf := make([]byte, 4)
	n, err := r.Read(buf)
	if err != nil {
		t.Fatal(err) // nothing: a test file
		return
	}
	r.Read(buf)
	process(buf[:n]) // nothing: a test file
}
