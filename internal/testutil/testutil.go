// Package testutil holds helpers shared by the analyzers' tests.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// TestData returns the absolute path of the repository's testdata directory
// (analysistest needs an absolute GOPATH), found by walking up from the
// test's working directory to the module root.
func TestData(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testutil: no go.mod above the test's directory")
		}
		dir = parent
	}
}
