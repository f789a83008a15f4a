package analyzers_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/testutil"
)

// TestNoStateBetweenRuns runs the suite twice in one process over the demo,
// as a long-lived driver (gopls, Bazel's nogo worker, golangci-lint) does:
// the shared passes and the analyzers must keep nothing from one run that
// changes the next.
func TestNoStateBetweenRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo module with its dependencies from source")
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   filepath.Join(testutil.TestData(t), "demo"),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the demo does not type-check")
	}
	run := func() []string {
		g, err := checker.Analyze(analyzers.Suite(), pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, act := range g.Roots {
			if act.Err != nil {
				t.Fatalf("%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
			}
			for _, d := range act.Diagnostics {
				out = append(out, fmt.Sprintf("%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message))
			}
		}
		slices.Sort(out)
		return out
	}
	first, second := run(), run()
	if len(first) == 0 {
		t.Fatal("no findings on the demo")
	}
	if !slices.Equal(first, second) {
		t.Errorf("the second run differs from the first:\nfirst:\n%v\nsecond:\n%v", first, second)
	}
}
