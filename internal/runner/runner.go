// Package runner is the standalone command's driver: it analyzes a whole
// import graph in bounded memory and keeps each package's facts and
// findings in a persistent cache, in the manner of staticcheck's runner
// and gopls's analysis driver.
//
// The go command reports the graph's metadata and builds every package's
// export data (go list -deps -export). Packages are then analyzed in
// dependency order, at most GOMAXPROCS at a time. Only the package being
// analyzed is parsed and type-checked from source, and its syntax and type
// information are dropped when its analyzers are done. Its imports' types
// come from their export data, read once and shared by every importer
// (export.go), their facts from what their own analysis left, resolved
// against those types; both are released once no package left to analyze
// depends on them. So memory follows the largest packages and a bounded
// amount of export data, not the size of the graph.
//
// Dependencies run only the analyzers that export facts, and those they
// require. A package's result is cached under a key of everything it
// depends on (see key), so an unchanged re-run reads every package from
// the cache, and an edit re-analyzes the edited package and those whose
// inputs it changes.
package runner

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"go/token"
	"io"
	"math/bits"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/internal/driver"
)

// Config says what Run analyzes, and how.
type Config struct {
	Dir       string // the directory to run the go command in; "" is the working directory
	Tests     bool   // analyze test packages too
	Patterns  []string
	Analyzers []*analysis.Analyzer
	Cache     *Cache    // nil: analyze every package, keep nothing
	Salt      []byte    // what else the results depend on: the program's build, the analyzers' options
	Warnings  io.Writer // where unreadable cache entries are reported; nil: io.Discard

	Workers int         // packages analyzed at once; 0 is GOMAXPROCS
	Observe func(Event) // if set, told of each package type-checked and each analyzer run, from any goroutine
}

// An Event is one step of the analysis of a package, for measurements.
type Event struct {
	Analyzer    *analysis.Analyzer // nil: parsing and type-checking the package
	PkgID       string
	Root        bool // a named package, not a dependency
	Duration    time.Duration
	Diagnostics int
	Err         error
}

// A Result is what Run found.
type Result struct {
	Findings   []driver.Finding // on the named packages, once each, sorted
	LoadErrors []string         // the errors of every package in the graph, as driver.LoadErrors
	Skipped    []Skipped        // named packages not analyzed because of errors
	Failures   []error          // analyzers that failed (panicked), as "analyzer on package: error"
	Analyzed   []string         // IDs of the packages analyzed from source, not read from the cache
	Graph      int              // packages in the import graph, test variants included
	Listing    time.Duration    // how long the go command took to report the graph
}

// A Skipped package was not analyzed: it has errors, or imports (directly
// or not) a package that has.
type Skipped struct {
	ID, PkgPath string
	Broken      string // the package path of the package with errors: PkgPath itself, or an import's
}

// Run analyzes the packages that cfg.Patterns name.
func Run(cfg *Config) (*Result, error) {
	if cfg.Warnings == nil {
		cfg.Warnings = io.Discard
	}
	driver.Guard(cfg.Analyzers)
	all := driver.Closure(cfg.Analyzers)
	registerFacts(all)
	start := time.Now()
	roots, nodes, err := loadGraph(cfg)
	if err != nil {
		return nil, err
	}
	listing := time.Since(start)
	r := &run{cfg: cfg, full: all, fset: token.NewFileSet()}
	for _, a := range all {
		if len(a.FactTypes) > 0 {
			r.factful = append(r.factful, a)
		}
	}
	r.factful = driver.Closure(r.factful)
	r.rootSalt, r.depSalt = salt(cfg.Salt, r.full), salt(cfg.Salt, r.factful)
	stop := tuneGC()
	r.schedule(nodes)
	stop()
	res := r.result(roots, nodes)
	res.Listing = listing
	return res, nil
}

type run struct {
	cfg               *Config
	rootSalt, depSalt Key                  // what a named package's and a dependency's results depend on besides the package
	full              []*analysis.Analyzer // every analyzer and those it requires: for named packages
	factful           []*analysis.Analyzer // those that export facts and those they require: for dependencies
	fset              *token.FileSet       // export data positions, and those of the packages being analyzed

	nodes                []*node // the import graph, in dependency order (see node.index)
	mu                   sync.Mutex
	analyzed             []string
	getWarned, putWarned bool // see warnOnce
}

// schedule analyzes every node once all its dependencies are done, with
// at most GOMAXPROCS at work, and releases the types and facts of each
// dependency once every package that depends on it is done.
func (r *run) schedule(nodes []*node) {
	r.nodes = nodes
	for _, n := range nodes {
		for _, d := range r.transitive(n) {
			d.holders.Add(1)
		}
	}
	ready := make(chan *node, len(nodes))
	for _, n := range nodes {
		if n.pending.Load() == 0 {
			ready <- n
		}
	}
	var wg sync.WaitGroup
	var left sync.WaitGroup
	left.Add(len(nodes))
	workers := r.cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for range workers {
		wg.Go(func() {
			for n := range ready {
				r.do(n)
				for _, d := range r.transitive(n) {
					if d.holders.Add(-1) == 0 {
						r.release(d)
					}
				}
				for _, imp := range n.importers {
					if imp.pending.Add(-1) == 0 {
						ready <- imp
					}
				}
				left.Done()
			}
		})
	}
	left.Wait()
	close(ready)
	wg.Wait()
}

// do brings n to done: from the cache, or by analyzing it.
func (r *run) do(n *node) {
	// A panic outside the analyzers (which Guard covers), in parsing,
	// type-checking or reading export data, costs this package and its
	// importers, not the run.
	defer func() {
		if p := recover(); p != nil {
			n.errs = append(n.errs, errorOf(fmt.Errorf("internal error: %v\n%s", p, debug.Stack())))
			n.broken = n
		}
	}()
	for _, d := range n.deps {
		if d.broken != nil {
			n.broken = d.broken
			return
		}
	}
	if len(n.errs) > 0 {
		n.broken = n
		return
	}
	if n.PkgPath == "unsafe" || len(n.CompiledGoFiles) == 0 {
		n.factsHash = r.hashFacts(n, nil)
		return
	}
	if !n.root && len(r.factful) == 0 {
		n.factsHash = r.hashFacts(n, nil) // no analyzer needs to see it
		return
	}
	var err error
	n.buildID, err = sourceHash(n.Package)
	if err != nil {
		n.errs = append(n.errs, errorOf(err))
		n.broken = n
		return
	}
	k := r.key(n)
	n.cacheKey = k
	if r.cfg.Cache != nil && r.load(n, k) {
		return
	}
	r.mu.Lock()
	r.analyzed = append(r.analyzed, n.ID)
	r.mu.Unlock()
	if !r.analyze(n) {
		return
	}
	if r.cfg.Cache != nil && len(n.failures) == 0 {
		r.store(n, k)
	}
}

// analyze parses and type-checks n and runs the analyzers on it. It
// returns false if the package is broken.
func (r *run) analyze(n *node) bool {
	start := time.Now()
	src, errs, err := r.typeCheck(n)
	if r.cfg.Observe != nil {
		r.cfg.Observe(Event{PkgID: n.ID, Root: n.root, Duration: time.Since(start), Err: err})
	}
	if err != nil {
		errs = append(errs, errorOf(err))
	}
	if len(errs) == 0 && len(n.Errors) > len(n.errs) {
		errs = buildFailure(n.Package) // the build failed for a reason type-checking does not see
	}
	if len(errs) > 0 {
		if src != nil {
			src.release()
		}
		n.errs = append(n.errs, errs...)
		n.broken = n
		return false
	}
	defer src.release()
	as := r.factful
	if n.root {
		as = r.full
	}
	facts := r.newFactTable(n, src.pkg)
	for _, act := range runAnalyzers(n, src, as, facts) {
		if r.cfg.Observe != nil {
			r.cfg.Observe(Event{Analyzer: act.a, PkgID: n.ID, Root: n.root, Duration: act.duration, Diagnostics: len(act.diags), Err: act.err})
		}
		if act.err != nil {
			n.failures = append(n.failures, fmt.Errorf("%s on %s: %w", act.a.Name, n.ID, act.err))
		}
		if n.root {
			for _, d := range act.diags {
				n.findings = append(n.findings, driver.Resolve(act.a, n.ID, src.fset, d))
			}
		}
	}
	n.factData, err = facts.own().encode()
	if err != nil {
		n.failures = append(n.failures, fmt.Errorf("%s: %w", n.ID, err))
	}
	n.factsHash = r.hashFacts(n, n.factData)
	if r.compacted(n) && len(n.importers) > 0 {
		if n.typesData, err = r.writeTypes(n, src); err != nil {
			n.failures = append(n.failures, fmt.Errorf("%s: writing its types: %w", n.ID, err))
		}
	}
	return true
}

// An action is one analyzer's run on one package.
type action struct {
	a        *analysis.Analyzer
	result   any
	err      error
	diags    []analysis.Diagnostic
	duration time.Duration
}

// runAnalyzers runs as, each after those it requires, on the package. An
// analyzer whose prerequisite failed does not run and fails too.
func runAnalyzers(n *node, src *source, as []*analysis.Analyzer, facts *factTable) []*action {
	acts := map[*analysis.Analyzer]*action{}
	var order []*action
	var visit func(a *analysis.Analyzer) *action
	visit = func(a *analysis.Analyzer) *action {
		if act := acts[a]; act != nil {
			return act
		}
		act := &action{a: a}
		acts[a] = act
		results := map[*analysis.Analyzer]any{}
		for _, req := range a.Requires {
			dep := visit(req)
			if dep.err != nil && act.err == nil {
				act.err = fmt.Errorf("failed prerequisite %s", req.Name)
			}
			results[req] = dep.result
		}
		order = append(order, act)
		if act.err != nil {
			return act
		}
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         src.fset,
			Files:        src.files,
			OtherFiles:   n.OtherFiles,
			IgnoredFiles: n.IgnoredFiles,
			Pkg:          src.pkg,
			TypesInfo:    src.info,
			TypesSizes:   n.TypesSizes,
			ResultOf:     results,
			Report: func(d analysis.Diagnostic) {
				if err := validateFixes(src.fset, a, d.SuggestedFixes); err != nil {
					panic(err) // as the checker does: Guard makes it the analyzer's error
				}
				act.diags = append(act.diags, d)
			},
			Module: module(n),
		}
		pass.ReadFile = readFile(n)
		facts.bind(pass)
		start := time.Now()
		act.result, act.err = a.Run(pass)
		act.duration = time.Since(start)
		return act
	}
	for _, a := range as {
		visit(a)
	}
	return order
}

// transitive returns the dependencies of n, direct or not, once each, in
// dependency order.
func (r *run) transitive(n *node) []*node {
	var out []*node
	for i, w := range n.depBits {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, r.nodes[i*64+b])
			w &^= 1 << b
		}
	}
	return out
}

// result gathers what the run found.
func (r *run) result(roots, nodes []*node) *Result {
	res := &Result{Analyzed: r.analyzed, Graph: len(nodes)}
	slices.Sort(res.Analyzed)
	var errNodes []*node
	for _, n := range nodes {
		if len(n.errs) > 0 {
			errNodes = append(errNodes, n)
		}
		res.Failures = append(res.Failures, n.failures...)
	}
	res.LoadErrors = loadErrors(errNodes)
	seen := map[string]bool{}
	slices.SortFunc(roots, func(a, b *node) int { return cmp.Compare(a.ID, b.ID) })
	for _, n := range roots {
		if n.broken != nil {
			res.Skipped = append(res.Skipped, Skipped{ID: n.ID, PkgPath: n.PkgPath, Broken: n.broken.PkgPath})
			continue
		}
		for _, f := range n.findings {
			if k := f.Key(); !seen[k] {
				seen[k] = true
				res.Findings = append(res.Findings, f)
			}
		}
	}
	driver.SortFindings(res.Findings)
	return res
}

// salt hashes what the results of running the analyzers as depend on
// besides the package: the caller's salt, the analyzers and their options.
// Dependencies run only the analyzers with facts, so turning on another
// analyzer or changing its options leaves their results in the cache.
func salt(caller []byte, as []*analysis.Analyzer) Key {
	h := sha256.New()
	fmt.Fprintf(h, "prodvet runner %s\n%s\n", layout, caller)
	for _, a := range as {
		fmt.Fprintf(h, "analyzer %s\n", a.Name)
	}
	for _, o := range optionsOf(as) {
		fmt.Fprintf(h, "option %s\n", o)
	}
	return Key(h.Sum(nil))
}
