package runner

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/prodvet/prodvet/internal/driver"
	"github.com/prodvet/prodvet/internal/testutil"
)

// marked is the fact of a function that is marked: by its name, or
// because it calls a marked function, in its package or another.
type marked struct{ By string }

func (*marked) AFact()           {}
func (m *marked) String() string { return "marked by " + m.By }

// newMarker returns an analyzer with facts and an option, the two things
// a cache key must cover: it marks functions whose name has the prefix,
// and those that call a marked function, and reports each call of a
// marked function.
func newMarker() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "marker",
		Doc:       "report calls of marked functions",
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(marked)},
	}
	prefix := a.Flags.String("prefix", "Mark", "functions whose name has this prefix are marked")
	a.Run = func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		isMarked := func(fn *types.Func) (string, bool) {
			var m marked
			if pass.ImportObjectFact(fn, &m) {
				return m.By, true
			}
			return "", false
		}
		// Mark to a fixed point: a function that calls a marked one is
		// marked too.
		for changed := true; changed; {
			changed = false
			for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
				decl := cur.Node().(*ast.FuncDecl)
				fn, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
				if fn == nil {
					continue
				}
				if _, ok := isMarked(fn); ok {
					continue
				}
				by := ""
				if strings.HasPrefix(fn.Name(), *prefix) {
					by = "name"
				}
				for call := range cur.Preorder((*ast.CallExpr)(nil)) {
					if callee, ok := typeutil.Callee(pass.TypesInfo, call.Node().(*ast.CallExpr)).(*types.Func); ok && by == "" {
						if _, ok := isMarked(callee); ok {
							by = callee.FullName()
						}
					}
				}
				if by != "" {
					pass.ExportObjectFact(fn, &marked{By: by})
					changed = true
				}
			}
		}
		for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if callee, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func); ok {
				if by, ok := isMarked(callee); ok {
					pass.Report(analysis.Diagnostic{
						Pos: call.Pos(), End: call.End(), Category: "marked",
						Message: fmt.Sprintf("call of %s, marked by %s", callee.FullName(), by),
						SuggestedFixes: []analysis.SuggestedFix{{
							Message:   "drop the call",
							TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte("_ = 0")}},
						}},
						Related: []analysis.RelatedInformation{{Pos: call.Lparen, Message: "arguments"}},
					})
				}
			}
		}
		return nil, nil
	}
	return a
}

// runs records the packages that an analyzer without facts ran on.
type runs struct {
	sync.Mutex
	pkgs []string
}

func newCounter(r *runs) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "counter",
		Doc:  "record the packages it runs on",
		Run: func(pass *analysis.Pass) (any, error) {
			r.Lock()
			defer r.Unlock()
			r.pkgs = append(r.pkgs, pass.Pkg.Path())
			return nil, nil
		},
	}
}

// copyModule copies testdata/runner into a temporary directory.
func copyModule(t *testing.T) string {
	t.Helper()
	src := filepath.Join(testutil.TestData(t), "runner")
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

type harness struct {
	t     *testing.T
	dir   string
	cache *Cache
	salt  []byte
	tests bool // analyze the test packages too: the generated test main imports much of the standard library
}

// newHarness copies the module and opens a cache that the tests share:
// the standard library's entries, the bulk of any run, are computed once
// per test binary. Each test's copy of the module has paths of its own, so
// its packages start uncached.
func newHarness(t *testing.T) *harness {
	return &harness{t: t, dir: copyModule(t), cache: sharedCache(t), salt: []byte("build 1"), tests: true}
}

var shared struct {
	once sync.Once
	dir  string
	err  error
}

func sharedCache(t *testing.T) *Cache {
	shared.once.Do(func() { shared.dir, shared.err = os.MkdirTemp("", "prodvet-runner-test-") })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	c, err := OpenCache(shared.dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ownCache gives h a cache of its own, for tests that damage it.
func (h *harness) ownCache() {
	c, err := OpenCache(h.t.TempDir())
	if err != nil {
		h.t.Fatal(err)
	}
	h.cache = c
}

func TestMain(m *testing.M) {
	// No test may add objects to a package that other type-checks share.
	var mu sync.Mutex
	var violations []error
	checkShared = func(err error) {
		mu.Lock()
		defer mu.Unlock()
		violations = append(violations, err)
	}
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	for _, err := range violations {
		fmt.Fprintln(os.Stderr, "shared types changed:", err)
		code = 1
	}
	os.Exit(code)
}

// run analyzes ./... with the analyzers and returns the result and the
// warnings written.
func (h *harness) run(cache *Cache, as ...*analysis.Analyzer) (*Result, string) {
	h.t.Helper()
	var warnings bytes.Buffer
	res, err := Run(&Config{Dir: h.dir, Tests: h.tests, Patterns: []string{"./..."}, Analyzers: as,
		Cache: cache, Salt: h.salt, Warnings: &warnings})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, err := range res.Failures {
		h.t.Errorf("failure: %v", err)
	}
	if len(res.LoadErrors) > 0 || len(res.Skipped) > 0 {
		h.t.Errorf("load errors %q, skipped %v", res.LoadErrors, res.Skipped)
	}
	return res, warnings.String()
}

// lines renders findings as "file:line: message", relative to the module.
func (h *harness) lines(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(h.dir, f.Start.Filename)
		out = append(out, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(rel), f.Start.Line, f.Message))
	}
	return out
}

// analyzed is the set of packages analyzed from source, by package path,
// test variants folded into their package.
func analyzed(res *Result) []string {
	var out []string
	for _, id := range res.Analyzed {
		path, _, _ := strings.Cut(id, " ")
		path = strings.TrimSuffix(path, ".test")
		path = strings.TrimSuffix(path, "_test")
		if !slices.Contains(out, path) {
			out = append(out, path)
		}
	}
	slices.Sort(out)
	return out
}

func (h *harness) edit(file, old, new string) {
	h.t.Helper()
	name := filepath.Join(h.dir, file)
	data, err := os.ReadFile(name)
	if err != nil {
		h.t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		h.t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// want returns the findings of the module as it is in testdata.
func (h *harness) want() []string {
	if h.tests {
		return wantFindings
	}
	return slices.DeleteFunc(slices.Clone(wantFindings), func(s string) bool { return strings.Contains(s, "_test.go") })
}

var wantFindings = []string{
	"mid/mid.go:8: call of example.com/runner/leaf.MarkReady, marked by name",
	"solo/solo.go:10: call of example.com/runner/solo.MarkSolo, marked by name",
	"top/ext_test.go:11: call of example.com/runner/mid.Wrap, marked by example.com/runner/leaf.MarkReady",
	"top/ext_test.go:12: call of example.com/runner/top.Run, marked by example.com/runner/mid.Wrap",
	"top/top.go:11: call of example.com/runner/mid.Wrap, marked by example.com/runner/leaf.MarkReady",
	"top/top_test.go:10: call of example.com/runner/leaf.MarkReady, marked by name",
	"top/top_test.go:11: call of example.com/runner/top.Run, marked by example.com/runner/mid.Wrap",
}

func TestFactsAcrossPackages(t *testing.T) {
	h := newHarness(t)
	var counted runs
	res, _ := h.run(nil, newMarker(), newCounter(&counted))
	if got := h.lines(res); !slices.Equal(got, wantFindings) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFindings, "\n"))
	}
	// The analyzer without facts runs only on the named packages; the one
	// with facts runs on every dependency (the standard library too).
	for _, p := range counted.pkgs {
		if !strings.HasPrefix(p, "example.com/runner") {
			t.Errorf("counter ran on the dependency %s", p)
		}
	}
	if !slices.Contains(analyzed(res), "unicode/utf8") {
		t.Errorf("unicode/utf8, a dependency, was not analyzed for facts: %v", analyzed(res))
	}
}

func TestCacheReuse(t *testing.T) {
	h := newHarness(t)
	first, _ := h.run(h.cache, newMarker())
	if len(first.Analyzed) == 0 {
		t.Fatal("a run on an empty cache analyzed nothing")
	}
	second, warnings := h.run(h.cache, newMarker())
	if len(second.Analyzed) > 0 {
		t.Errorf("an unchanged re-run analyzed %v", second.Analyzed)
	}
	if warnings != "" {
		t.Errorf("warnings: %s", warnings)
	}
	for _, res := range []*Result{first, second} {
		if got := h.lines(res); !slices.Equal(got, wantFindings) {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFindings, "\n"))
		}
	}
	// Findings keep their fixes and related information through the cache.
	if f := second.Findings[0]; len(f.Fixes) != 1 || len(f.Fixes[0].Edits) != 1 || len(f.Related) != 1 || f.Category != "marked" {
		t.Errorf("a cached finding lost its fix, related information or category: %+v", f)
	}
	if !equalFindings(first.Findings, second.Findings) {
		t.Errorf("cached findings differ:\n%v\n%v", first.Findings, second.Findings)
	}
}

func equalFindings(a, b []driver.Finding) bool {
	return slices.EqualFunc(a, b, func(x, y driver.Finding) bool {
		if x.Analyzer.Name != y.Analyzer.Name {
			return false
		}
		x.Analyzer, y.Analyzer = nil, nil
		return fmt.Sprint(x) == fmt.Sprint(y)
	})
}

// An edit in a dependency re-analyzes that package and those whose inputs
// it changes, nothing else, and the results are those of a run without a
// cache.
func TestEditInDependency(t *testing.T) {
	h := newHarness(t)
	h.run(h.cache, newMarker())

	// A new marked function: leaf's facts and export data change.
	h.edit("leaf/leaf.go", "// Plain is", "// MarkNew is marked by its name.\nfunc MarkNew() {}\n\n// Plain is")
	res, _ := h.run(h.cache, newMarker())
	got := analyzed(res)
	for _, p := range got {
		if !slices.Contains([]string{"example.com/runner/leaf", "example.com/runner/mid", "example.com/runner/top"}, p) {
			t.Errorf("re-analyzed %s, which does not depend on leaf", p)
		}
	}
	if !slices.Contains(got, "example.com/runner/leaf") {
		t.Errorf("the edited package was not re-analyzed: %v", got)
	}
	if !slices.Equal(h.lines(res), wantFindings) {
		t.Errorf("findings after the edit:\n%s", strings.Join(h.lines(res), "\n"))
	}

	// An edit that changes what the dependents see: MarkReady becomes
	// Ready, unmarked, and the findings that came through it go.
	h.edit("leaf/leaf.go", "func MarkReady()", "func Ready()")
	for _, f := range []string{"mid/mid.go", "top/top_test.go"} {
		h.edit(f, "leaf.MarkReady()", "leaf.Ready()")
	}
	res, _ = h.run(h.cache, newMarker())
	uncached, _ := h.run(nil, newMarker())
	want := []string{"solo/solo.go:10: call of example.com/runner/solo.MarkSolo, marked by name"}
	for _, r := range []*Result{res, uncached} {
		if got := h.lines(r); !slices.Equal(got, want) {
			t.Errorf("findings after unmarking leaf:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	for _, p := range analyzed(res) {
		if p == "example.com/runner/other" || p == "example.com/runner/solo" {
			t.Errorf("re-analyzed %s, which does not depend on leaf", p)
		}
	}
}

func TestOptionChangeInvalidates(t *testing.T) {
	h := newHarness(t)
	h.ownCache() // it checks that the standard library is analyzed again
	h.tests = false
	h.run(h.cache, newMarker())
	m := newMarker()
	if err := m.Flags.Set("prefix", "Use"); err != nil {
		t.Fatal(err)
	}
	res, _ := h.run(h.cache, m)
	if got := analyzed(res); !slices.Contains(got, "example.com/runner/solo") || !slices.Contains(got, "unicode/utf8") {
		t.Errorf("a changed option of an analyzer with facts did not re-analyze the packages and their dependencies: %v", got)
	}
	want := []string{"solo/solo.go:10: call of example.com/runner/solo.MarkSolo, marked by name"}
	if got := h.lines(res); slices.Contains(got, want[0]) {
		t.Errorf("findings of the old option after changing it:\n%s", strings.Join(got, "\n"))
	}
	// And back: the first option's entries are still there.
	res, _ = h.run(h.cache, newMarker())
	if len(res.Analyzed) > 0 || !slices.Equal(h.lines(res), h.want()) {
		t.Errorf("back to the first option: analyzed %v, findings\n%s", res.Analyzed, strings.Join(h.lines(res), "\n"))
	}
}

func TestNewBuildInvalidates(t *testing.T) {
	h := newHarness(t)
	h.ownCache() // it checks that the standard library is analyzed again
	h.tests = false
	h.run(h.cache, newMarker())
	h.salt = []byte("build 2")
	res, _ := h.run(h.cache, newMarker())
	if got := analyzed(res); !slices.Contains(got, "example.com/runner/leaf") || !slices.Contains(got, "unicode/utf8") {
		t.Errorf("a new build re-analyzed only %v", got)
	}
}

func TestAnalyzerSetInvalidates(t *testing.T) {
	h := newHarness(t)
	h.tests = false
	var counted runs
	h.run(h.cache, newMarker())
	res, _ := h.run(h.cache, newMarker(), newCounter(&counted))
	if len(counted.pkgs) == 0 {
		t.Errorf("an added analyzer never ran: the cache answered for it (analyzed %v)", res.Analyzed)
	}
	// It has no facts, so it does not run on dependencies: their results
	// stay valid.
	if got := analyzed(res); slices.Contains(got, "unicode/utf8") {
		t.Errorf("an added analyzer without facts re-analyzed a dependency: %v", got)
	}
}

// A corrupt entry is reported and recomputed, never trusted.
func TestCorruptEntry(t *testing.T) {
	h := newHarness(t)
	h.tests = false
	h.ownCache()
	h.run(h.cache, newMarker())
	n := 0
	err := filepath.WalkDir(h.cache.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == trimMarker {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data[len(data)-1] ^= 0xff
		n++
		return os.WriteFile(path, data, 0o644)
	})
	if err != nil || n == 0 {
		t.Fatalf("corrupting %d entries: %v", n, err)
	}
	res, warnings := h.run(h.cache, newMarker())
	if !strings.Contains(warnings, "ignoring the unreadable cache entry") {
		t.Errorf("no warning for corrupt entries; warnings: %q", warnings)
	}
	if !slices.Equal(h.lines(res), h.want()) {
		t.Errorf("findings with corrupt entries:\n%s", strings.Join(h.lines(res), "\n"))
	}
	// The entries were written again.
	res, warnings = h.run(h.cache, newMarker())
	if len(res.Analyzed) > 0 || warnings != "" {
		t.Errorf("after recomputing: analyzed %v, warnings %q", res.Analyzed, warnings)
	}
}

// A cache directory that cannot be written costs speed, not results.
func TestUnwritableCache(t *testing.T) {
	h := newHarness(t)
	h.tests = false
	// A file where the directory should be: nothing can be written there,
	// not even by root.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h.cache = &Cache{dir: file}
	res, warnings := h.run(h.cache, newMarker())
	if !slices.Equal(h.lines(res), h.want()) {
		t.Errorf("findings:\n%s", strings.Join(h.lines(res), "\n"))
	}
	if !strings.Contains(warnings, "cannot write the cache") {
		t.Errorf("no warning for an unwritable cache: %q", warnings)
	}
}

// Runs that share a cache at the same time see only whole entries.
func TestConcurrentRuns(t *testing.T) {
	h := newHarness(t)
	h.tests = false
	var wg sync.WaitGroup
	results := make([]*Result, 4)
	for i := range results {
		wg.Go(func() { results[i], _ = h.run(h.cache, newMarker()) })
	}
	wg.Wait()
	for _, res := range results {
		if !slices.Equal(h.lines(res), h.want()) {
			t.Errorf("findings of a concurrent run:\n%s", strings.Join(h.lines(res), "\n"))
		}
	}
	res, warnings := h.run(h.cache, newMarker())
	if len(res.Analyzed) > 0 || warnings != "" {
		t.Errorf("after concurrent runs: analyzed %v, warnings %q", res.Analyzed, warnings)
	}
}

func TestTrim(t *testing.T) {
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old, fresh := Key{1}, Key{2}
	for _, k := range []Key{old, fresh} {
		if err := c.Put(k, []byte("data")); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * trimAge)
	if err := os.Chtimes(c.path(old), long, long); err != nil {
		t.Fatal(err)
	}
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	if data, _ := c.Get(old); data != nil {
		t.Error("Trim kept an entry unused for twice trimAge")
	}
	if data, _ := c.Get(fresh); string(data) != "data" {
		t.Errorf("Trim removed a fresh entry: %q", data)
	}
	// At most once a day: the marker stops a second trim.
	if err := c.Put(old, []byte("data")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(c.path(old), long, long); err != nil {
		t.Fatal(err)
	}
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	if data, _ := c.Get(old); data == nil {
		t.Error("a second Trim within a day removed an entry")
	}
}

func TestBrokenPackage(t *testing.T) {
	h := newHarness(t)
	h.edit("mid/mid.go", "func Calm() int { return leaf.Plain() }", "func Calm() int { return leaf.Plain() + \"x\" }")
	caches := []*Cache{h.cache, h.cache, nil}
	if testing.Short() {
		caches = caches[:2]
	}
	for _, cache := range caches {
		res, err := Run(&Config{Dir: h.dir, Tests: true, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{newMarker()}, Cache: cache, Salt: h.salt})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.LoadErrors) != 1 || !strings.Contains(res.LoadErrors[0], "mid.go:11") {
			t.Errorf("load errors %q, want one in mid.go:11", res.LoadErrors)
		}
		var skipped []string
		for _, s := range res.Skipped {
			skipped = append(skipped, s.ID+" <- "+s.Broken)
		}
		slices.Sort(skipped)
		want := []string{
			"example.com/runner/mid <- example.com/runner/mid",
			"example.com/runner/top <- example.com/runner/mid",
			"example.com/runner/top [example.com/runner/top.test] <- example.com/runner/mid",
			"example.com/runner/top.test <- example.com/runner/mid",
			"example.com/runner/top_test [example.com/runner/top.test] <- example.com/runner/mid",
		}
		if !slices.Equal(skipped, want) {
			t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
		}
		if got := h.lines(res); !slices.Equal(got, []string{wantFindings[1]}) {
			t.Errorf("findings beside a broken package:\n%s", strings.Join(got, "\n"))
		}
	}
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("PRODVET_CACHE", "/some/where")
	if dir, err := DefaultCacheDir(); err != nil || dir != "/some/where" {
		t.Errorf("with PRODVET_CACHE: %q, %v", dir, err)
	}
	t.Setenv("PRODVET_CACHE", "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/u")
	if dir, err := DefaultCacheDir(); err != nil || dir != filepath.Join("/xdg", "prodvet") {
		t.Errorf("without PRODVET_CACHE: %q, %v", dir, err)
	}
}

// Every dependency's types and facts are released once the packages that
// depend on it are done, and the export data they held is accounted back.
func TestRelease(t *testing.T) {
	h := newHarness(t)
	h.tests = false
	var checked atomic.Int32
	observe := func(e Event) {
		if e.Analyzer == nil {
			checked.Add(1)
		}
	}
	r := &run{cfg: &Config{Dir: h.dir, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{newMarker()}, Warnings: io.Discard, Observe: observe}}
	r.full = driver.Closure(r.cfg.Analyzers)
	r.factful = r.full
	r.fset = token.NewFileSet()
	registerFacts(r.full)
	_, nodes, err := loadGraph(r.cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.schedule(nodes)
	for _, n := range nodes {
		if n.types != nil || n.resolved != nil || n.typesData != nil || n.holders.Load() != 0 {
			t.Errorf("%s: types or facts kept after the run (holders %d)", n.ID, n.holders.Load())
		}
	}
	if checked.Load() == 0 {
		t.Error("nothing was type-checked")
	}
}

// A test variant's importers see its compacted types: written when it is
// analyzed, kept in the cache for runs that analyze only its importers,
// and written again from source when the cache lost them.
func TestCompactedTypes(t *testing.T) {
	h := newHarness(t)
	h.ownCache()
	h.run(h.cache, newMarker())
	variant := "example.com/runner/top [example.com/runner/top.test]"
	for i, lose := range []bool{false, true} {
		if lose {
			removeTypesEntries(t, h.cache)
		}
		// The external test package, which imports the variant, changes.
		h.edit("top/ext_test.go", "_ = top.Run()", "_ = top.Run()"+strings.Repeat(" + 0", i+1))
		res, _ := h.run(h.cache, newMarker())
		if !slices.Contains(res.Analyzed, "example.com/runner/top_test [example.com/runner/top.test]") || slices.Contains(res.Analyzed, variant) {
			t.Errorf("lost types %v: analyzed %v, want the external test package and not %s", lose, res.Analyzed, variant)
		}
		if !slices.Equal(h.lines(res), wantFindings) {
			t.Errorf("lost types %v: findings\n%s", lose, strings.Join(h.lines(res), "\n"))
		}
	}
}

// removeTypesEntries removes the compacted types from the cache: the
// entries whose data is in the indexed export format, which starts with i.
func removeTypesEntries(t *testing.T, c *Cache) {
	n := 0
	err := filepath.WalkDir(c.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && len(data) > sha256.Size && data[sha256.Size] == 'i' {
			n++
			return os.Remove(path)
		}
		return err
	})
	if err != nil || n == 0 {
		t.Fatalf("removed %d types entries: %v", n, err)
	}
}
