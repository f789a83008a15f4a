package bench

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/driver"
)

// The packages the benchmarks analyze: PRODVET_BENCH_PKGS (space-separated
// patterns, default net/http: a large real package that uses errors, HTTP
// clients and servers, atomics and sync.Pool), loaded from PRODVET_BENCH_DIR
// (default this directory), by prodvet's own loader (driver.Load: the whole
// import graph from source, as analyzers of the suite declare facts). For
// example, a corpus module:
//
//	PRODVET_BENCH_DIR=~/.cache/prodvet-bench/src/grpc PRODVET_BENCH_PKGS=./... \
//	    go test -run=^$ -bench=. -count=10 ./bench | tee new.txt
var load = sync.OnceValues(func() ([]*packages.Package, error) {
	patterns := strings.Fields(os.Getenv("PRODVET_BENCH_PKGS"))
	if len(patterns) == 0 {
		patterns = []string{"net/http"}
	}
	cfg := driver.Config{Dir: os.Getenv("PRODVET_BENCH_DIR")}
	pkgs, err := driver.Load(cfg, analyzers.Suite(), patterns)
	if err != nil {
		return nil, err
	}
	if msgs := driver.LoadErrors(pkgs); len(msgs) > 0 {
		return nil, fmt.Errorf("%s: packages have errors:\n  %s", strings.Join(patterns, " "), strings.Join(msgs, "\n  "))
	}
	return pkgs, nil
})

// BenchmarkAnalyzer runs each analyzer of the suite alone, with what it
// requires (inspect) and, for one with facts, its runs on every dependency:
// what the analyzer adds to prodvet's time. Loading and type-checking are
// done once, outside the timing. New analyzers are included as they join
// analyzers.Suite; compare versions with benchstat.
func BenchmarkAnalyzer(b *testing.B) {
	pkgs, err := load()
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range analyzers.Suite() {
		b.Run(a.Name, func(b *testing.B) { benchmark(b, pkgs, a) })
	}
	// The whole suite in one checker run, as prodvet runs it (prerequisites shared).
	b.Run("suite", func(b *testing.B) { benchmark(b, pkgs, analyzers.Suite()...) })
}

func benchmark(b *testing.B, pkgs []*packages.Package, as ...*analysis.Analyzer) {
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		g, err := driver.Analyze(as, pkgs, &checker.Options{Sequential: true})
		if err != nil {
			b.Fatal(err)
		}
		findings = 0
		for _, act := range g.Roots {
			if act.Err != nil {
				b.Fatalf("%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
			}
			findings += len(act.Diagnostics)
		}
	}
	b.ReportMetric(float64(findings), "findings")
}
