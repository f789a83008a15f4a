package unwaitedgo_test

import (
	"flag"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/unwaitedgo"
	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	pkgs := []string{"unwaitedgo/lib", "unwaitedgo/tests"}
	for _, p := range []string{
		"branches", "conditional", "crosspkg", "earlyreturn", "errreturn", "daemons", "deferwait", "dot", "fatalpath", "fed", "fedsleep",
		"fedwaits", "finite", "funclit", "generated", "generic", "group", "helpers", "loopwait", "misc", "notifyctx", "osexit",
		"renamed", "selects", "server", "signal",
	} {
		pkgs = append(pkgs, "unwaitedgo/main/"+p)
	}
	analysistest.Run(t, testutil.TestData(t), unwaitedgo.New(), pkgs...)
}

// TestDoc checks what the suite's registry test checks, for this analyzer
// alone: a short lowercase title and every option documented.
func TestDoc(t *testing.T) {
	a := unwaitedgo.New()
	title := regexp.MustCompile(`^[a-z][^.]{0,72}[^.]$`)
	if s := analyzerdoc.Summary(a.Doc); !title.MatchString(s) {
		t.Errorf("Doc title %q must be short, lowercase and without a period", s)
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		if !strings.Contains(a.Doc, a.Name+"."+f.Name) {
			t.Errorf("option -%s.%s is not documented in doc.go", a.Name, f.Name)
		}
	})
	if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
		t.Error(err)
	}
}
