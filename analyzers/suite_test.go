package analyzers_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/analyzers/atomicmix"
	"github.com/prodvet/prodvet/analyzers/chanleak"
	"github.com/prodvet/prodvet/analyzers/ctxprop"
	"github.com/prodvet/prodvet/analyzers/errcmp"
	"github.com/prodvet/prodvet/analyzers/errwrap"
	"github.com/prodvet/prodvet/analyzers/httptimeout"
	"github.com/prodvet/prodvet/analyzers/loopcapture"
	"github.com/prodvet/prodvet/analyzers/poolmisuse"
	"github.com/prodvet/prodvet/analyzers/rangeclose"
	"github.com/prodvet/prodvet/analyzers/readcontract"
	"github.com/prodvet/prodvet/analyzers/selectspin"
	"github.com/prodvet/prodvet/analyzers/unwaitedgo"
	"github.com/prodvet/prodvet/analyzers/wgmisuse"
	"github.com/prodvet/prodvet/internal/docgen"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/internal/testutil"
)

// TestRegistry checks that the suite is the complete, well-formed list of
// the analyzers in this directory.
func TestRegistry(t *testing.T) {
	suite := analyzers.Suite()
	if err := analysis.Validate(suite); err != nil {
		t.Fatalf("analysis.Validate: %v", err)
	}
	byName := map[string]*analysis.Analyzer{}
	for _, a := range suite {
		if byName[a.Name] != nil {
			t.Errorf("analyzer name %q is used twice", a.Name)
		}
		byName[a.Name] = a
	}

	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "testdata" && byName[e.Name()] == nil {
			t.Errorf("analyzers/%s is not in analyzers.Suite (or its Analyzer.Name differs from the folder)", e.Name())
		}
	}

	for _, a := range suite {
		if _, err := os.Stat(a.Name); err != nil {
			t.Errorf("analyzer %s has no folder analyzers/%s", a.Name, a.Name)
		}
		testutil.CheckDoc(t, a)
		if a.URL != report.URL(a.Name) {
			t.Errorf("%s: URL = %q, want %q", a.Name, a.URL, report.URL(a.Name))
		}
		if _, err := os.Stat(filepath.Join("..", "docs", a.Name+".md")); err != nil {
			t.Errorf("%s has no docs page: run go generate ./analyzers", a.Name)
		}
	}

	// Fresh instances: setting an option on one suite leaves another alone.
	other := analyzers.Suite()
	for i := range suite {
		if suite[i] == other[i] {
			t.Errorf("Suite returned the same *Analyzer for %s twice; options would be shared", suite[i].Name)
		}
	}
}

// TestDocsUpToDate fails when docs/ differs from what go generate writes.
func TestDocsUpToDate(t *testing.T) {
	want := docgen.Render(analyzers.Suite(), analyzers.OptIn)
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join("..", "docs", name))
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("docs/%s is stale: run go generate ./analyzers", name)
		}
	}
}

const module = "github.com/prodvet/prodvet/"

// layerViolation says what is wrong with package from importing package
// to, both given relative to the module root, or "" when the import is
// allowed. The layers, top to bottom, each importing only those below it:
//
//	cmd/..., gclplugin/..., bench/...   commands, the plugin, benchmarks
//	analyzers                           the suite
//	analyzers/<name>/...                one analyzer each
//	passes/...                          shared helper analyzers
//	internal/...                        helpers that know no analyzer
//
// Nothing imports a command, the plugin or the benchmarks, and no analyzer
// imports another: what two analyzers share goes to passes/ or internal/.
// A package's own external test package (p_test) counts as p.
func layerViolation(from, to string) string {
	top := func(p string) string { first, _, _ := strings.Cut(p, "/"); return first }
	under := func(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
	// analyzer returns "analyzers/<name>" for a package of that analyzer.
	analyzer := func(p string) string {
		if rest, ok := strings.CutPrefix(p, "analyzers/"); ok {
			name, _, _ := strings.Cut(rest, "/")
			return "analyzers/" + name
		}
		return ""
	}
	switch {
	case from == to:
		return ""
	case slices.Contains([]string{"cmd", "gclplugin", "goplsext", "bench"}, top(to)):
		return "nothing imports cmd/, gclplugin/, goplsext/ or bench/"
	case under(from, "internal") && !under(to, "internal"):
		return "internal/ imports nothing of analyzers/, passes/, cmd/, gclplugin/, goplsext/"
	case under(from, "passes") && under(to, "analyzers"):
		return "passes/ import no analyzers/"
	case analyzer(from) != "" && to == "analyzers":
		return "an analyzer does not import the suite"
	case analyzer(from) != "" && analyzer(to) != "" && analyzer(from) != analyzer(to):
		return "no analyzer imports another"
	}
	return ""
}

// TestLayerRule checks the rule itself on imports it must allow and refuse.
func TestLayerRule(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		ok       bool
	}{
		{"cmd/prodvet", "analyzers", true},
		{"cmd/prodvet", "internal/driver", true},
		{"gclplugin", "analyzers", true},
		{"goplsext", "analyzers", true},
		{"cmd/prodvet-gopls", "internal/goplsbuild", true},
		{"internal/goplsbuild", "goplsext", false},
		{"cmd/prodvet", "goplsext", false},
		{"bench/cmd/analyzertime", "internal/driver", true},
		{"analyzers", "analyzers/httptimeout", true},
		{"analyzers/httptimeout", "passes/inspect", true},
		{"analyzers/httptimeout", "internal/match", true},
		{"analyzers/httptimeout/sub", "analyzers/httptimeout", true},
		{"passes/a", "passes/b", true},
		{"passes/a", "internal/match", true},
		{"internal/report", "internal/generated", true},
		{"internal/driver", "analyzers", false},
		{"internal/docgen", "passes/a", false},
		{"internal/x", "cmd/prodvet", false},
		{"passes/a", "analyzers/httptimeout", false},
		{"passes/a", "analyzers", false},
		{"analyzers/errcmp", "analyzers/errwrap", false},
		{"analyzers/errcmp", "analyzers", false},
		{"analyzers", "cmd/gendocs", false},
		{"cmd/prodvet", "gclplugin", false},
		{"cmd/prodvet", "cmd/gendocs", false},
		{"gclplugin", "bench", false},
	} {
		if got := layerViolation(tc.from, tc.to) == ""; got != tc.ok {
			t.Errorf("%s importing %s: allowed = %v, want %v", tc.from, tc.to, got, tc.ok)
		}
	}
}

// TestLayers checks every import of every package of the module, tests
// included, against layerViolation.
func TestLayers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Imports,TestImports,XTestImports,Error", "./...")
	cmd.Dir = ".."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	type pkg struct {
		ImportPath                         string
		Imports, TestImports, XTestImports []string
		Error                              *struct{ Err string }
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	n := 0
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		if p.Error != nil {
			t.Errorf("%s: %s", p.ImportPath, p.Error.Err)
		}
		from, ok := strings.CutPrefix(p.ImportPath, module)
		if !ok {
			continue
		}
		n++
		for _, imp := range slices.Concat(p.Imports, p.TestImports, p.XTestImports) {
			to, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			if why := layerViolation(from, to); why != "" {
				t.Errorf("%s imports %s: %s", from, to, why)
			}
		}
	}
	if n < 10 {
		t.Fatalf("go list found %d packages of the module; the check saw too little:\n%s", n, out)
	}
}

// TestOptIn keeps the opt-in analyzers those that bench/README.md measured
// below the precision bar; a change here must come with new measurements.
func TestOptIn(t *testing.T) {
	var got []string
	for _, a := range analyzers.Suite() {
		if analyzers.OptIn(a) {
			got = append(got, a.Name)
		}
	}
	if want := []string{"httptimeout", "ctxprop", "atomicmix"}; !slices.Equal(got, want) {
		t.Errorf("opt-in analyzers %q, want %q", got, want)
	}
}

func TestSelect(t *testing.T) {
	all := analyzers.Suite()
	names := func(as []*analysis.Analyzer) string {
		var out []string
		for _, a := range as {
			out = append(out, a.Name)
		}
		return strings.Join(out, ",")
	}
	var defaults []*analysis.Analyzer
	for _, a := range all {
		if !analyzers.OptIn(a) {
			defaults = append(defaults, a)
		}
	}
	for _, tc := range []struct {
		enable, disable []string
		want            string
	}{
		{nil, nil, names(defaults)},        // the default set
		{[]string{"all"}, nil, names(all)}, // every analyzer
		{[]string{" ALL "}, []string{"ctxprop"}, names(slices.Delete(slices.Clone(all), 1, 2))},
		{[]string{"default", "ctxprop"}, nil, "ctxprop," + names(defaults)}, // the default set and one more, in the suite's order
		{[]string{"Default"}, []string{"errwrap"}, strings.Replace(names(defaults), ",errwrap", "", 1)},
		{[]string{"errwrap", "httptimeout"}, nil, "httptimeout,errwrap"},         // the suite's order
		{[]string{"HTTPTimeout", " ErrWrap "}, nil, "httptimeout,errwrap"},       // any case, spaces trimmed
		{[]string{"httptimeout", "errwrap"}, []string{"ERRWRAP"}, "httptimeout"}, // disable wins
		{[]string{"", "httptimeout", ""}, []string{""}, "httptimeout"},           // empty names ignored
		{nil, []string{"errcmp"}, strings.Replace(names(defaults), ",errcmp", "", 1)},
	} {
		got, err := analyzers.Select(all, tc.enable, tc.disable)
		if err != nil || names(got) != tc.want {
			t.Errorf("Select(%q, %q) = %s, %v; want %s", tc.enable, tc.disable, names(got), err, tc.want)
		}
		for _, a := range got {
			if !slices.Contains(all, a) {
				t.Errorf("Select returned %s, not one of the analyzers it was given", a.Name)
			}
		}
	}

	_, err := analyzers.Select(all, []string{"httptimeout"}, []string{"errwrap", "nosuch"})
	u, ok := errors.AsType[*analyzers.UnknownAnalyzerError](err)
	if !ok || u.Name != "nosuch" || u.List != "disable" || len(u.Known) != len(all) || u.Known[0] != all[0].Name {
		t.Errorf("unknown name: error %#v", err)
	} else if want := `unknown analyzer "nosuch" in disable; valid analyzers: ` + strings.ReplaceAll(names(all), ",", ", "); err.Error() != want {
		t.Errorf("unknown name: %q, want %q", err, want)
	}
	if _, err := analyzers.Select(all, []string{"HTTPTimeout"}, []string{"httptimeout"}); !errors.Is(err, analyzers.ErrNoneSelected) {
		t.Errorf("nothing left: error %v, want ErrNoneSelected", err)
	}
	if a := analyzers.Lookup(all, "ErrCmp"); a == nil || a.Name != "errcmp" {
		t.Errorf("Lookup(ErrCmp) = %v", a)
	}
	if a := analyzers.Lookup(all, "nosuch"); a != nil {
		t.Errorf("Lookup(nosuch) = %s", a.Name)
	}
}

// TestExportedAnalyzer checks that each analyzer package's exported
// Analyzer, the entry point for drivers that take one analyzer per package
// (Bazel's nogo, analysistest, singlechecker), is the analyzer Suite
// builds: same name, doc, URL, prerequisites, fact and result types, and
// options with the same defaults.
func TestExportedAnalyzer(t *testing.T) {
	exported := map[string]*analysis.Analyzer{}
	for _, a := range []*analysis.Analyzer{
		atomicmix.Analyzer, chanleak.Analyzer, ctxprop.Analyzer, errcmp.Analyzer, errwrap.Analyzer,
		httptimeout.Analyzer, loopcapture.Analyzer, poolmisuse.Analyzer, rangeclose.Analyzer,
		readcontract.Analyzer, selectspin.Analyzer, unwaitedgo.Analyzer, wgmisuse.Analyzer,
	} {
		exported[a.Name] = a
	}
	flags := func(a *analysis.Analyzer) string {
		var b strings.Builder
		a.Flags.VisitAll(func(f *flag.Flag) { fmt.Fprintf(&b, "-%s=%s: %s\n", f.Name, f.DefValue, f.Usage) })
		return b.String()
	}
	types := func(a *analysis.Analyzer) string {
		var facts []string
		for _, f := range a.FactTypes {
			facts = append(facts, fmt.Sprintf("%T", f))
		}
		return fmt.Sprintf("facts %v, result %v", facts, a.ResultType)
	}
	for _, a := range analyzers.Suite() {
		e := exported[a.Name]
		switch {
		case e == nil:
			t.Errorf("%s: its package's Analyzer is not checked here (or is named differently): add it to the list", a.Name)
			continue
		case e == a:
			t.Errorf("%s: Suite returned the package's Analyzer itself, not a fresh one", a.Name)
		}
		if e.Doc != a.Doc || e.URL != a.URL {
			t.Errorf("%s: the exported Analyzer's Doc or URL differs from Suite's", a.Name)
		}
		if !slices.Equal(e.Requires, a.Requires) {
			t.Errorf("%s: exported Analyzer requires %v, Suite's %v", a.Name, e.Requires, a.Requires)
		}
		if got, want := flags(e), flags(a); got != want {
			t.Errorf("%s: exported Analyzer has options\n%s\nSuite's has\n%s", a.Name, got, want)
		}
		if got, want := types(e), types(a); got != want {
			t.Errorf("%s: exported Analyzer has %s, Suite's %s", a.Name, got, want)
		}
	}
}
