package unwaitedgo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/unwaitedgo"
	"github.com/prodvet/prodvet/internal/testutil"
)

// withTests returns an analyzer in -unwaitedgo.tests mode, under which the
// original testdata checks the tests too.
func withTests(t *testing.T) *analysis.Analyzer {
	a := unwaitedgo.New()
	if err := a.Flags.Set("tests", "true"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAnalyzer(t *testing.T) {
	pkgs := []string{"unwaitedgo/lib", "unwaitedgo/tests"}
	for _, p := range []string{
		"branches", "conditional", "crosspkg", "earlyreturn", "errreturn", "daemons", "deferwait", "dot", "fatalpath", "fed", "fedsleep",
		"fedwaits", "finite", "funclit", "generated", "generic", "group", "helpers", "deep", "loopwait", "misc", "notifyctx", "osexit",
		"renamed", "run", "selects", "server", "signal",
	} {
		pkgs = append(pkgs, "unwaitedgo/main/"+p)
	}
	analysistest.Run(t, testutil.TestData(t), withTests(t), pkgs...)
}

// TestDefault checks that without the option main is checked and the tests
// are not.
func TestDefault(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), unwaitedgo.New(), "unwaitedgo/main/testsoff")
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title and every option documented.
func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, unwaitedgo.New())
}
