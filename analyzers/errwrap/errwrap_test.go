package errwrap_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/errwrap"
	"github.com/prodvet/prodvet/internal/testutil"
)

// strict returns an analyzer in -errwrap.strict mode, errorlint's rule:
// the original testdata checks every %v of an error under it.
func strict(t *testing.T) *analysis.Analyzer {
	a := errwrap.New()
	if err := a.Flags.Set("strict", "true"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestStrict(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), strict(t), "errwrap/a", "errwrap/dot", "errwrap/wrapper", "errwrap/user", "errwrap/testsupport", "errwrap/internal/testutils")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), strict(t), "errwrap/fix", "errwrap/old")
}

// TestGoVersion checks the multiple-%w rule in a module at go 1.19 (a
// //go:build line cannot lower a file below go1.21).
func TestGoVersion(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "src", "errwrap", "go119")
	analysistest.RunWithSuggestedFixes(t, dir, strict(t), "go119")
}

func TestOpaqueOK(t *testing.T) {
	a := strict(t)
	if err := a.Flags.Set("opaque-ok", "errwrap/opaque.Service.Get, errwrap/opaque.Public,errwrap/opaquepkg"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testutil.TestData(t), a, "errwrap/opaque", "errwrap/opaquepkg")
	// A fresh instance has no opaque functions: options are not shared.
	if got := errwrap.New().Flags.Lookup("opaque-ok").Value.String(); got != "" {
		t.Errorf("fresh analyzer has opaque-ok %q, want none", got)
	}
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title and every option documented.
func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, errwrap.New())
}

// TestDefault checks the default rule, in a module whose packages include a
// dependency with a sentinel, one without error identities and a command.
func TestDefault(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "src", "errwrap", "precise")
	analysistest.Run(t, dir, errwrap.New(), "./...")
}
