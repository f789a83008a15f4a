package errcmp_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/errcmp"
	"github.com/prodvet/prodvet/internal/testutil"
)

// wrapped returns an analyzer under -errcmp.wrapped, which adds the compare
// and assert rules to the never-matches ones.
func wrapped(t *testing.T) *analysis.Analyzer {
	a := errcmp.New()
	if err := a.Flags.Set("wrapped", "true"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestWrapped(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), wrapped(t), "errcmp/a", "errcmp/owner", "errcmp/dot", "errcmp/renamed", "errcmp/never", "errcmp/settled")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), wrapped(t), "errcmp/fix", "errcmp/fixold")
}

// TestSuggestedFixesDefault checks the fix of an assertion that can never
// succeed, which the default set reports, on both sides of Go 1.26.
func TestSuggestedFixesDefault(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), errcmp.New(), "errcmp/fixnever")
}

// TestDefault checks that by default only the never-matches rules run.
func TestDefault(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), errcmp.New(), "errcmp/never", "errcmp/defaults", "errcmp/assertnever")
}

// TestDefaultNearMiss checks that the checks TestDefault expects to be
// silent are ones that -errcmp.wrapped reports.
func TestDefaultNearMiss(t *testing.T) {
	got := map[string]int{}
	for _, r := range analysistest.Run(quiet{}, testutil.TestData(t), wrapped(t), "errcmp/defaults") {
		for _, d := range r.Diagnostics {
			got[d.Category]++
		}
	}
	want := map[string]int{errcmp.CategoryCompare: 2, errcmp.CategoryAssert: 2, errcmp.CategoryIsNeverMatches: 2}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("under -errcmp.wrapped got %v diagnostics by category, want %v", got, want)
	}
}

// quiet ignores the unexpected diagnostics that TestDefaultNearMiss counts.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, errcmp.New())
}
