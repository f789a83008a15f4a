package readcontract_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/readcontract"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), readcontract.New(), "readcontract/a", "readcontract/dot", "readcontract/refill", "readcontract/testsupport")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), readcontract.New(), "readcontract/fix")
}

// TestTypeErrors runs the analyzer on a package that does not type-check,
// as golangci-lint and gopls may do: it must not panic, and it reports
// nothing it cannot prove.
func TestTypeErrors(t *testing.T) {
	a := readcontract.New()
	a.RunDespiteErrors = true
	analysistest.Run(t, testutil.TestData(t), a, "readcontract/broken")
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title, and a valid analyzer.
func TestDoc(t *testing.T) {
	a := readcontract.New()
	testutil.CheckDoc(t, a)
	if a.Flags.NFlag() != 0 {
		t.Errorf("readcontract has no options, but flags are set")
	}
}
