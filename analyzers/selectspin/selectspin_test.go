package selectspin_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/selectspin"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), selectspin.New(), "selectspin/a", "selectspin/dot", "selectspin/renamed")
}

// TestTypeErrors runs the analyzer on a package that does not type-check,
// as golangci-lint and gopls may do: it must not panic, and it reports
// nothing it cannot prove.
func TestTypeErrors(t *testing.T) {
	a := selectspin.New()
	a.RunDespiteErrors = true
	analysistest.Run(t, testutil.TestData(t), a, "selectspin/broken")
}
