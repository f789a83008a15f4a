package ctxprop_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/ctxprop"
	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/ctxroots"
	"github.com/prodvet/prodvet/passes/ctxscope"
)

// TestAnalyzer runs the rule, then the passes that own the facts the
// testdata asserts (ctxprop reads them through the passes' Results): a
// fact expectation fails only if no run produced it.
func TestAnalyzer(t *testing.T) {
	pkgs := []string{"ctxprop/a", "ctxprop/stdlib", "ctxprop/shutdown", "ctxprop/stored", "ctxprop/lib", "ctxprop/use", "ctxprop/internal/testutils"}
	missing := map[string]map[int]bool{} // "no fact" errors: the runs that had each
	runs := []*analysis.Analyzer{ctxprop.New(), ctxscope.Analyzer, ctxroots.Analyzer}
	for i, a := range runs {
		ft := &factFilter{t: t, run: i, missing: missing}
		analysistest.Run(ft, testutil.TestData(t), a, pkgs...)
	}
	for msg, in := range missing {
		if len(in) == len(runs) {
			t.Error(msg)
		}
	}
}

// factFilter passes errors on to t, except unmatched fact expectations
// (counted in missing) and, for the passes, unmatched diagnostic
// expectations (those are the rule's).
type factFilter struct {
	t       *testing.T
	run     int // 0 is the rule
	missing map[string]map[int]bool
}

var noFact = regexp.MustCompile(`: no fact was reported matching `)

func (f *factFilter) Errorf(format string, args ...any) {
	f.t.Helper()
	msg := fmt.Sprintf(format, args...)
	switch {
	case noFact.MatchString(msg):
		if f.missing[msg] == nil {
			f.missing[msg] = map[int]bool{}
		}
		f.missing[msg][f.run] = true
	case f.run > 0 && strings.Contains(msg, ": no diagnostic was reported matching "):
	default:
		f.t.Error(msg)
	}
}

// TestLog checks the logging rule, off by default, with -ctxprop.log.
func TestLog(t *testing.T) {
	a := ctxprop.New()
	if err := a.Flags.Set("log", "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testutil.TestData(t), a, "ctxprop/logs")
	if got := ctxprop.New().Flags.Lookup("log").Value.String(); got != "false" {
		t.Errorf("a fresh analyzer has -log=%s, want false", got)
	}
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
