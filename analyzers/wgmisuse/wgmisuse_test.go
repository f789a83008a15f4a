package wgmisuse_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/wgmisuse"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), wgmisuse.New(), "wgmisuse/a", "wgmisuse/dot", "wgmisuse/workers")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), wgmisuse.New(), "wgmisuse/fix")
}

// TestTypeErrors runs the analyzer on a package that does not type-check,
// as golangci-lint and gopls may do: it must not panic.
func TestTypeErrors(t *testing.T) {
	a := wgmisuse.New()
	a.RunDespiteErrors = true
	analysistest.Run(t, testutil.TestData(t), a, "wgmisuse/broken")
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title and every option documented.
func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, wgmisuse.New())
}
