package chanleak_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/chanleak"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), chanleak.New(), "chanleak/a", "chanleak/usesender", "chanleak/cmd")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), chanleak.New(), "chanleak/a")
}

// TestRelated checks that each finding points at the return that leaks
// and at the make.
func TestRelated(t *testing.T) {
	for _, r := range analysistest.Run(t, testutil.TestData(t), chanleak.New(), "chanleak/a") {
		for _, d := range r.Diagnostics {
			if len(d.Related) != 2 {
				t.Errorf("%s: want two related locations, got %d", r.Pass.Fset.Position(d.Pos), len(d.Related))
			}
		}
	}
}

func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, chanleak.New())
}
