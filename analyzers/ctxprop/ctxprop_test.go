package ctxprop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/ctxprop"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), ctxprop.New(), "ctxprop/a", "ctxprop/lib", "ctxprop/use", "ctxprop/internal/testutils")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), ctxprop.New(), "ctxprop/fix")
}

// TestGoVersion checks that before Go 1.21, which added
// context.WithoutCancel, a goroutine's new root context is not reported.
func TestGoVersion(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "src", "ctxprop", "go120")
	analysistest.RunWithSuggestedFixes(t, dir, ctxprop.New(), "go120")
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title and every option documented.
func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, ctxprop.New())
}

// TestTypeErrors runs the analyzer on a package that does not type-check,
// as golangci-lint and gopls may do: it must not panic.
func TestTypeErrors(t *testing.T) {
	a := ctxprop.New()
	a.RunDespiteErrors = true
	analysistest.Run(t, testutil.TestData(t), a, "ctxprop/broken")
}
