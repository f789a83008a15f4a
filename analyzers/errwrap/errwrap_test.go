package errwrap_test

import (
	"path/filepath"
	"strings"
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

// TestDefault checks the default rule, -errwrap.causes=context: lost
// context errors are reported; sentinels, os errors and causes that callers
// pass in are not, nor anything in a command.
func TestDefault(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "src", "errwrap", "context")
	analysistest.Run(t, dir, errwrap.New(), "./...")
}

// TestTested checks -errwrap.causes=tested, in a module whose packages
// include a dependency with a sentinel, one without error identities and a
// command.
func TestTested(t *testing.T) {
	a := errwrap.New()
	if err := a.Flags.Set("causes", "tested"); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testutil.TestData(t), "src", "errwrap", "tested")
	analysistest.Run(t, dir, a, "./...")
}

func TestCausesFlag(t *testing.T) {
	a := errwrap.New()
	if got := a.Flags.Lookup("causes").Value.String(); got != "context" {
		t.Errorf("default -errwrap.causes = %q, want context", got)
	}
	err := a.Flags.Set("causes", "all")
	if err == nil || !strings.Contains(err.Error(), "context") || !strings.Contains(err.Error(), "tested") {
		t.Errorf("Set(causes, all) = %v, want an error naming context and tested", err)
	}
}
