package loopcapture_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/loopcapture"
	"github.com/prodvet/prodvet/internal/testutil"
)

// TestRaces checks the races of goroutines with their loop, which do not
// depend on the Go version.
func TestRaces(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), loopcapture.New(), "loopcapture/a", "loopcapture/dot", "loopcapture/calls")
}

// TestGo121 checks a module at go 1.21, where all iterations share the
// loop variables, with the suggested fixes.
func TestGo121(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "src", "loopcapture", "go121")
	analysistest.RunWithSuggestedFixes(t, dir, loopcapture.New(), "go121", "go121/tests")
}

// TestGo124 checks a module at go 1.24: loop variables are per iteration,
// except in a file whose //go:build line lowers it to go1.21; the races
// remain.
func TestGo124(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "src", "loopcapture", "go124")
	analysistest.RunWithSuggestedFixes(t, dir, loopcapture.New(), "go124")
}

// TestTypeErrors runs the analyzer on a package that does not type-check,
// as golangci-lint and gopls may do: it must not panic.
func TestTypeErrors(t *testing.T) {
	a := loopcapture.New()
	a.RunDespiteErrors = true
	analysistest.Run(t, testutil.TestData(t), a, "loopcapture/broken")
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title and every option documented.
func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, loopcapture.New())
}
