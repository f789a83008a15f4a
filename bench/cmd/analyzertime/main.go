// Command analyzertime loads packages the way prodvet does and runs
// analyzers on them through golang.org/x/tools/go/analysis/checker,
// reporting where the time goes: loading and type-checking, then each
// analyzer by name (the sum of its checker action durations, on the named
// packages and on their dependencies, where facts are computed).
//
//	analyzertime [-seq] [-json] [packages]      the prodvet suite (default ./...)
//	analyzertime -floor [packages]              one no-op analyzer; dependencies from export data
//	analyzertime -floor-src [packages]          one no-op analyzer with a fact type, so that every
//	                                            dependency is parsed and type-checked from source
//
// The floors are the cost of any analysis at all: -floor is what a suite
// without facts costs at least, -floor-src what a suite with facts costs at
// least (prodvet loads the whole import graph from source as soon as one
// analyzer declares a fact type). bench/run.sh measures both beside prodvet.
//
// Action durations overlap when the checker runs actions in parallel (and
// the checker documents that they then inflate); -seq runs them one at a
// time, which is what to use for per-analyzer numbers.
package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/driver"
)

// Timing is the JSON output: one run's load time and per-analyzer time.
type Timing struct {
	Packages     int             `json:"packages"`      // named packages (with test variants)
	AllPackages  int             `json:"all_packages"`  // in the import graph
	LoadMode     string          `json:"load_mode"`     // "source" or "export data"
	LoadSeconds  float64         `json:"load_seconds"`  // go list, parse, type-check
	CheckSeconds float64         `json:"check_seconds"` // checker.Analyze, wall
	Analyzers    []AnalyzerTotal `json:"analyzers"`     // by name, slowest first
}

// AnalyzerTotal sums one analyzer's actions.
type AnalyzerTotal struct {
	Name        string  `json:"name"`
	RootSeconds float64 `json:"root_seconds"` // on the named packages
	DepSeconds  float64 `json:"dep_seconds"`  // on their dependencies (facts only)
	RootActions int     `json:"root_actions"`
	DepActions  int     `json:"dep_actions"`
	Findings    int     `json:"findings"` // diagnostics on the named packages
	Errors      int     `json:"errors"`   // actions that failed
}

type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "noFact" }

func noop(withFact bool) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: "noop",
		Doc:  "does nothing: the floor of any analysis (load and type-check only)",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}
	if withFact {
		a.Name = "noopfacts"
		a.Doc = "does nothing but declare a fact type, so that dependencies are analyzed from source"
		a.FactTypes = []analysis.Fact{new(noFact)}
	}
	return a
}

func main() {
	floor := flag.Bool("floor", false, "run one no-op analyzer instead of the suite; dependencies come from export data")
	floorSrc := flag.Bool("floor-src", false, "run one no-op analyzer that declares a fact type: every dependency is loaded from source")
	seq := flag.Bool("seq", false, "run actions one at a time (for per-analyzer durations that do not overlap)")
	jsonOut := flag.Bool("json", false, "print the timings as JSON")
	tests := flag.Bool("test", true, "include test packages, as prodvet does by default")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	only := flag.String("enable", "", "comma-separated analyzers of the suite to run (default all)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: analyzertime [-floor | -floor-src] [-seq] [-json] [packages]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "analyzertime:", err)
			os.Exit(2)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "analyzertime:", err)
			os.Exit(2)
		}
		defer pprof.StopCPUProfile()
	}
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}

	var as []*analysis.Analyzer
	switch {
	case *floor && *floorSrc:
		fmt.Fprintln(os.Stderr, "analyzertime: -floor and -floor-src exclude each other")
		os.Exit(2)
	case *floor:
		as = []*analysis.Analyzer{noop(false)}
	case *floorSrc:
		as = []*analysis.Analyzer{noop(true)}
	default:
		var err error
		as, err = analyzers.Select(analyzers.Suite(), strings.Split(*only, ","), nil)
		if err != nil {
			fmt.Fprintf(os.Stderr, "analyzertime: -enable: %v\n", err)
			os.Exit(2)
		}
	}

	t, err := measure(as, patterns, *tests, *seq)
	if err != nil {
		fmt.Fprintf(os.Stderr, "analyzertime: %v\n", err)
		os.Exit(2)
	}
	if *jsonOut {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(t); err != nil {
			fmt.Fprintf(os.Stderr, "analyzertime: %v\n", err)
			os.Exit(2)
		}
		return
	}
	fmt.Printf("load (%s): %d packages, %d in the import graph, %.2fs\n", t.LoadMode, t.Packages, t.AllPackages, t.LoadSeconds)
	fmt.Printf("analysis: %.2fs wall\n", t.CheckSeconds)
	fmt.Printf("%-14s %9s %9s %8s %8s %8s\n", "analyzer", "root s", "deps s", "roots", "deps", "findings")
	for _, a := range t.Analyzers {
		fmt.Printf("%-14s %9.3f %9.3f %8d %8d %8d\n", a.Name, a.RootSeconds, a.DepSeconds, a.RootActions, a.DepActions, a.Findings)
	}
}

func measure(as []*analysis.Analyzer, patterns []string, tests, seq bool) (*Timing, error) {
	t := &Timing{LoadMode: "export data"}
	if driver.NeedsFacts(as) {
		t.LoadMode = "source"
	}
	t0 := time.Now()
	pkgs, err := driver.Load(driver.Config{Tests: tests}, as, patterns)
	if err != nil {
		return nil, err
	}
	if msgs := driver.LoadErrors(pkgs); len(msgs) > 0 {
		return nil, fmt.Errorf("packages have errors:\n  %s", strings.Join(msgs, "\n  "))
	}
	t.LoadSeconds = time.Since(t0).Seconds()
	t.Packages = len(pkgs)
	packages.Visit(pkgs, nil, func(*packages.Package) { t.AllPackages++ })

	t1 := time.Now()
	g, err := driver.Analyze(as, pkgs, &checker.Options{Sequential: seq})
	if err != nil {
		return nil, err
	}
	t.CheckSeconds = time.Since(t1).Seconds()

	byAnalyzer := map[*analysis.Analyzer]*AnalyzerTotal{}
	total := func(a *analysis.Analyzer) *AnalyzerTotal {
		if byAnalyzer[a] == nil {
			byAnalyzer[a] = &AnalyzerTotal{Name: a.Name}
		}
		return byAnalyzer[a]
	}
	var firstErr error
	seen := map[string]bool{}
	for act := range g.All() {
		at := total(act.Analyzer)
		if act.Err != nil {
			at.Errors++
			if firstErr == nil {
				firstErr = fmt.Errorf("%s on %s: %w", act.Analyzer.Name, act.Package.ID, act.Err)
			}
		}
		if act.IsRoot || slices.Contains(pkgs, act.Package) {
			at.RootSeconds += act.Duration.Seconds()
			at.RootActions++
			for _, d := range act.Diagnostics {
				// A file of package p is analyzed in both p and p [p.test]:
				// count its finding once, as prodvet prints it once.
				key := fmt.Sprintf("%s|%v|%s", act.Analyzer.Name, act.Package.Fset.Position(d.Pos), d.Message)
				if !seen[key] {
					seen[key] = true
					at.Findings++
				}
			}
		} else {
			at.DepSeconds += act.Duration.Seconds()
			at.DepActions++
		}
	}
	for _, at := range byAnalyzer {
		t.Analyzers = append(t.Analyzers, *at)
	}
	slices.SortFunc(t.Analyzers, func(a, b AnalyzerTotal) int {
		return cmp.Or(cmp.Compare(b.RootSeconds+b.DepSeconds, a.RootSeconds+a.DepSeconds), cmp.Compare(a.Name, b.Name))
	})
	if firstErr != nil {
		return t, firstErr
	}
	return t, nil
}
