// Command analyzertime runs analyzers through prodvet's driver
// (internal/runner), without its cache unless -cache names one, and
// reports where the time goes: the go command's report of the import
// graph, parsing and type-checking, then each analyzer by name (the sum of
// its runs, on the named packages and on their dependencies, where facts
// are computed).
//
//	analyzertime [-seq] [-json] [packages]      the prodvet suite (default ./...)
//	analyzertime -floor [packages]              one no-op analyzer; dependencies from export data
//	analyzertime -floor-src [packages]          one no-op analyzer with a fact type, so that every
//	                                            dependency is parsed and type-checked from source
//
// The floors are the cost of any analysis at all: -floor is what a suite
// without facts costs at least, -floor-src what a suite with facts costs at
// least with an empty cache (every dependency is type-checked from source
// as soon as one analyzer declares a fact type). bench/run.sh measures both
// beside prodvet.
//
// Durations overlap when packages are analyzed in parallel; -seq analyzes
// one at a time, which is what to use for per-analyzer numbers.
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
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/driver"
	"github.com/prodvet/prodvet/internal/runner"
)

// Timing is the JSON output: one run's load time and per-analyzer time.
type Timing struct {
	Packages         int             `json:"packages"`           // packages analyzed from source (with test variants)
	AllPackages      int             `json:"all_packages"`       // in the import graph
	LoadMode         string          `json:"load_mode"`          // "source" (dependencies analyzed for facts) or "export data"
	LoadSeconds      float64         `json:"load_seconds"`       // go list -deps -export, wall
	CheckSeconds     float64         `json:"check_seconds"`      // the rest of the run, wall
	TypeCheckSeconds RootDeps        `json:"type_check_seconds"` // parsing and type-checking, summed
	Analyzers        []AnalyzerTotal `json:"analyzers"`          // by name, slowest first
}

// RootDeps splits a sum between the named packages and their dependencies.
type RootDeps struct {
	Root float64 `json:"root"`
	Deps float64 `json:"deps"`
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
	heapprofile := flag.String("heapprofile", "", "write a heap profile to this file, taken when the live heap peaked (sampled every 100ms after a GC)")
	analyzedOut := flag.String("analyzed", "", "write the IDs of the packages analyzed from source (not read from the cache) to this file, one a line")
	cacheDir := flag.String("cache", "", "keep results in this cache directory, as prodvet does (default: no cache; run twice to time an unchanged re-run)")
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
	if *heapprofile != "" {
		stop := peakHeapProfile(*heapprofile)
		defer stop()
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

	var cache *runner.Cache
	var salt []byte
	if *cacheDir != "" {
		var err error
		cache, err = runner.OpenCache(*cacheDir)
		if err == nil {
			salt, err = runner.ExecutableSalt() // a rebuilt analyzertime never reads an older one's results
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "analyzertime: %v\n", err)
			os.Exit(2)
		}
	}
	t, analyzed, err := measure(as, patterns, *tests, *seq, cache, salt)
	if err == nil && *analyzedOut != "" {
		err = os.WriteFile(*analyzedOut, []byte(strings.Join(append(analyzed, ""), "\n")), 0o644)
	}
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
	fmt.Printf("go list (%s): %d packages in the import graph, %.2fs\n", t.LoadMode, t.AllPackages, t.LoadSeconds)
	fmt.Printf("analysis: %d packages, %.2fs wall; parsing and type-checking %.2fs + %.2fs\n", t.Packages, t.CheckSeconds, t.TypeCheckSeconds.Root, t.TypeCheckSeconds.Deps)
	fmt.Printf("%-14s %9s %9s %8s %8s %8s\n", "analyzer", "root s", "deps s", "roots", "deps", "findings")
	for _, a := range t.Analyzers {
		fmt.Printf("%-14s %9.3f %9.3f %8d %8d %8d\n", a.Name, a.RootSeconds, a.DepSeconds, a.RootActions, a.DepActions, a.Findings)
	}
}

func measure(as []*analysis.Analyzer, patterns []string, tests, seq bool, cache *runner.Cache, salt []byte) (*Timing, []string, error) {
	t := &Timing{LoadMode: "export data"}
	if driver.NeedsFacts(as) {
		t.LoadMode = "source"
	}
	var mu sync.Mutex
	byAnalyzer := map[*analysis.Analyzer]*AnalyzerTotal{}
	var firstErr error
	observe := func(e runner.Event) {
		mu.Lock()
		defer mu.Unlock()
		if e.Analyzer == nil {
			if e.Root {
				t.TypeCheckSeconds.Root += e.Duration.Seconds()
			} else {
				t.TypeCheckSeconds.Deps += e.Duration.Seconds()
			}
			return
		}
		at := byAnalyzer[e.Analyzer]
		if at == nil {
			at = &AnalyzerTotal{Name: e.Analyzer.Name}
			byAnalyzer[e.Analyzer] = at
		}
		if e.Err != nil {
			at.Errors++
			if firstErr == nil {
				firstErr = fmt.Errorf("%s on %s: %w", e.Analyzer.Name, e.PkgID, e.Err)
			}
		}
		if e.Root {
			at.RootSeconds += e.Duration.Seconds()
			at.RootActions++
		} else {
			at.DepSeconds += e.Duration.Seconds()
			at.DepActions++
		}
	}
	cfg := &runner.Config{Tests: tests, Patterns: patterns, Analyzers: as, Observe: observe, Cache: cache, Salt: salt}
	if seq {
		cfg.Workers = 1
	}
	start := time.Now()
	res, err := runner.Run(cfg)
	if err != nil {
		return nil, nil, err
	}
	if len(res.LoadErrors) > 0 {
		return nil, nil, fmt.Errorf("packages have errors:\n  %s", strings.Join(res.LoadErrors, "\n  "))
	}
	t.LoadSeconds = res.Listing.Seconds()
	t.CheckSeconds = time.Since(start).Seconds() - t.LoadSeconds
	t.AllPackages = res.Graph
	t.Packages = len(res.Analyzed) // without a cache, every package but those without files
	for _, f := range res.Findings {
		if at := byAnalyzer[f.Analyzer]; at != nil {
			at.Findings++
		}
	}
	for _, at := range byAnalyzer {
		t.Analyzers = append(t.Analyzers, *at)
	}
	slices.SortFunc(t.Analyzers, func(a, b AnalyzerTotal) int {
		return cmp.Or(cmp.Compare(b.RootSeconds+b.DepSeconds, a.RootSeconds+a.DepSeconds), cmp.Compare(a.Name, b.Name))
	})
	if firstErr == nil && len(res.Failures) > 0 {
		firstErr = res.Failures[0]
	}
	return t, res.Analyzed, firstErr
}

// peakHeapProfile writes a heap profile to name each time the live heap,
// sampled every 100ms, reaches a new peak; the returned function stops it.
func peakHeapProfile(name string) (stop func()) {
	var peak uint64
	failed := false
	return runner.WatchLiveHeap(100*time.Millisecond, func(live uint64) {
		if live <= peak || failed {
			return
		}
		peak = live
		f, err := os.Create(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "analyzertime:", err)
			failed = true
			return
		}
		_ = pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	})
}
