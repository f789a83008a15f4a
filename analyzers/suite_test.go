package analyzers_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/docgen"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/internal/testutil"
)

// TestRegistry checks that the suite is the complete, well-formed list of
// the analyzers in this directory.
func TestRegistry(t *testing.T) {
	suite := analyzers.Suite()
	if err := analysis.Validate(suite); err != nil {
		t.Fatalf("analysis.Validate: %v", err)
	}
	byName := map[string]*analysis.Analyzer{}
	for _, a := range suite {
		if byName[a.Name] != nil {
			t.Errorf("analyzer name %q is used twice", a.Name)
		}
		byName[a.Name] = a
	}

	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "testdata" && byName[e.Name()] == nil {
			t.Errorf("analyzers/%s is not in analyzers.Suite (or its Analyzer.Name differs from the folder)", e.Name())
		}
	}

	for _, a := range suite {
		if _, err := os.Stat(a.Name); err != nil {
			t.Errorf("analyzer %s has no folder analyzers/%s", a.Name, a.Name)
		}
		testutil.CheckDoc(t, a)
		if a.URL != report.URL(a.Name) {
			t.Errorf("%s: URL = %q, want %q", a.Name, a.URL, report.URL(a.Name))
		}
		if _, err := os.Stat(filepath.Join("..", "docs", a.Name+".md")); err != nil {
			t.Errorf("%s has no docs page: run go generate ./analyzers", a.Name)
		}
	}

	// Fresh instances: setting an option on one suite leaves another alone.
	other := analyzers.Suite()
	for i := range suite {
		if suite[i] == other[i] {
			t.Errorf("Suite returned the same *Analyzer for %s twice; options would be shared", suite[i].Name)
		}
	}
}

// TestDocsUpToDate fails when docs/ differs from what go generate writes.
func TestDocsUpToDate(t *testing.T) {
	want := docgen.Render(analyzers.Suite())
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join("..", "docs", name))
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("docs/%s is stale: run go generate ./analyzers", name)
		}
	}
}
