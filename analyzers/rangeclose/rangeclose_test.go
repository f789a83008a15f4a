package rangeclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/rangeclose"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), rangeclose.New(), "rangeclose/a", "rangeclose/exits", "rangeclose/dot", "rangeclose/worker", "rangeclose/cmd")
}

// TestTypeErrors runs the analyzer on a package that does not type-check,
// as golangci-lint and gopls may do: it must not panic, and it reports
// nothing it cannot prove.
func TestTypeErrors(t *testing.T) {
	a := rangeclose.New()
	a.RunDespiteErrors = true
	analysistest.Run(t, testutil.TestData(t), a, "rangeclose/broken")
}

// TestRelated checks that the finding points at the make.
func TestRelated(t *testing.T) {
	results := analysistest.Run(t, testutil.TestData(t), rangeclose.New(), "rangeclose/a")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.Related) != 1 {
				t.Errorf("%s: want one related location, got %d", r.Pass.Fset.Position(d.Pos), len(d.Related))
				continue
			}
			if src := r.Pass.Fset.Position(d.Related[0].Pos); src.Line >= r.Pass.Fset.Position(d.Pos).Line {
				t.Errorf("%s: related location %s is not the make before the loop", r.Pass.Fset.Position(d.Pos), src)
			}
		}
	}
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title.
func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, rangeclose.New())
}
