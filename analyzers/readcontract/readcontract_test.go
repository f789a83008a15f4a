package readcontract_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/readcontract"
	"github.com/prodvet/prodvet/internal/testutil"
)

// dropped returns an analyzer in -readcontract.dropped mode, under which the
// original testdata checks both rules.
func dropped(t *testing.T) *analysis.Analyzer {
	a := readcontract.New()
	if err := a.Flags.Set("dropped", "true"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestDropped(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), dropped(t), "readcontract/a", "readcontract/dot", "readcontract/refill", "readcontract/testsupport")
}

// TestDefault checks that dropped data is silent without the option and
// that short reads are not.
func TestDefault(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), readcontract.New(), "readcontract/defaults")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), readcontract.New(), "readcontract/fix")
}

// TestTypeErrors runs the analyzer on a package that does not type-check,
// as golangci-lint and gopls may do: it must not panic, and it reports
// nothing it cannot prove.
func TestTypeErrors(t *testing.T) {
	a := dropped(t)
	a.RunDespiteErrors = true
	analysistest.Run(t, testutil.TestData(t), a, "readcontract/broken")
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title, documented options, a valid analyzer.
func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, readcontract.New())
}
