// Package testsupport is a test helper: its non-test files import testing.
package testsupport

import (
	"io"
	"testing"
)

func ReadHeader(t testing.TB, r io.Reader) []byte {
	hdr := make([]byte, 4)
	if _, err := r.Read(hdr); err != nil {
		t.Fatal(err)
	}
	return hdr // nothing: test support
}
