// Package testutil holds helpers shared by the analyzers' tests.
package testutil

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
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

// docTitle is the form of an analyzer's Doc title: short, lowercase,
// without a final period (the go vet -help listing and golangci-lint show
// it). Periods inside, as in sync.Pool, are fine.
var docTitle = regexp.MustCompile(`^[a-z].{0,70}[^.]$`)

// CheckDoc checks what every analyzer's documentation must satisfy: a
// short lowercase title without a final period, each option named
// <analyzer>.<flag> in doc.go, and a valid analyzer graph.
func CheckDoc(t testing.TB, a *analysis.Analyzer) {
	t.Helper()
	if s := analyzerdoc.Summary(a.Doc); !docTitle.MatchString(s) {
		t.Errorf("%s: the Doc title %q must be short, lowercase and without a final period", a.Name, s)
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		if !strings.Contains(a.Doc, a.Name+"."+f.Name) {
			t.Errorf("%s: option -%s.%s is not documented in doc.go", a.Name, a.Name, f.Name)
		}
	})
	if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
		t.Errorf("%s: %v", a.Name, err)
	}
}
