// Command benchrun measures prodvet beside the linters its users already
// run, on the corpus that bench/setup.sh lays out. bench/run.sh builds it and
// runs it; see bench/README.md.
//
// For each module, in one session and interleaved (the order rotates from
// one run to the next, so that a slow spell of a shared machine does not
// land on one tool), it runs
//
//	prodvet       prodvet ./...  (the default set, standalone; empty PRODVET_CACHE: it analyzes every dependency)
//	go vet        go vet ./...   (the default analyzers; build cache warm, vet results not cached)
//	staticcheck   staticcheck ./...  (empty STATICCHECK_CACHE: it analyzes every dependency)
//	floor         one no-op analyzer, dependencies from export data: load and type-check only
//	floor-src     one no-op analyzer with a fact type: every dependency from source, as prodvet loads them
//	vettool       go vet -vettool=prodvet ./...  (build cache warm, vet results not cached)
//
// and after each prodvet, vettool and staticcheck run the same command
// again, unchanged (their caches hit). Once per module it also runs the go vet tool
// path with an empty build cache (cold), and the prodvet suite with
// per-analyzer timing (analyzertime -seq). It prints Markdown tables of the
// medians (wall, CPU, peak RSS, ratios) and keeps every sample.
//
// "Vet results not cached": go vet caches each package's vet result under a
// key that includes the vet tool's identity and its flags. For prodvet the
// identity is a hash of its executable, so each vettool run uses a fresh
// copy with a few bytes appended, which the go command has never seen: the
// build cache (compiled export data) is warm, the vet cache is cold, as after
// an upgrade of the tool. cmd/vet names only its Go release, so go vet runs
// get a flag that changes nothing but the key (-printf.funcs=<unused name>).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

type config struct {
	bench, bin, modules, only, tools, out string
	runs                                  int
	cold, analyzers                       bool
}

// Tool names, in table order.
const (
	tProdvet      = "prodvet"
	tGoVet        = "go vet"
	tStaticcheck  = "staticcheck"
	tFloor        = "floor"
	tFloorSrc     = "floor-src"
	tVettool      = "vettool"
	tVettoolCache = "vettool-cached"
	tStaticCache  = "staticcheck-cached"
	tProdvetCache = "prodvet-cached"
	tVettoolCold  = "vettool-cold"
)

var allTools = []string{tProdvet, tGoVet, tStaticcheck, tFloor, tFloorSrc, tVettool}

func main() {
	var c config
	flag.StringVar(&c.bench, "bench", os.Getenv("BENCH"), "the directory bench/setup.sh laid out (src/, bin/)")
	flag.StringVar(&c.bin, "bin", "", "where prodvet and analyzertime are (default $BENCH/bin; staticcheck is always there)")
	flag.StringVar(&c.modules, "modules", os.Getenv("MODULES"), "the corpus list (bench/modules.txt)")
	flag.StringVar(&c.only, "only", os.Getenv("ONLY"), "space-separated modules to measure (default all)")
	flag.StringVar(&c.tools, "tools", strings.Join(allTools, ","), "comma-separated tools to run")
	flag.IntVar(&c.runs, "runs", 3, "runs of each tool per module (the tables show medians)")
	flag.BoolVar(&c.cold, "cold", true, "also run go vet -vettool=prodvet once per module with an empty build cache")
	flag.BoolVar(&c.analyzers, "analyzers", true, "also time each analyzer once per module (analyzertime -seq)")
	flag.StringVar(&c.out, "out", "", "directory for the results (default $BENCH/results/<date>)")
	retable := flag.String("tables", "", "measure nothing: print the tables again from the results in this directory (samples.tsv, analyzers.json, graph.json)")
	flag.Parse()
	if *retable != "" {
		if err := tablesFrom(*retable, c.modules); err != nil {
			fmt.Fprintf(os.Stderr, "benchrun: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if err := benchmark(c); err != nil {
		fmt.Fprintf(os.Stderr, "benchrun: %v\n", err)
		os.Exit(1)
	}
}

type module struct{ name, path string }

func readModules(file, only string) ([]module, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	want := strings.Fields(only)
	var mods []module
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(want) > 0 && !slices.Contains(want, f[0]) {
			continue
		}
		mods = append(mods, module{name: f[0], path: f[1]})
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("no modules selected from %s (only=%q)", file, only)
	}
	return mods, nil
}

type session struct {
	c                    config
	bin, tmp             string
	prodvet, staticcheck string
	analyzertime, gobin  string
	log                  *os.File
	samples              []Sample
	timings              map[string]*Timing // module -> per-analyzer timing
	graph                map[string]int     // module -> packages in the import graph of ./... with tests
	failures             []string
	nonce                int
}

func benchmark(c config) error {
	if c.bench == "" || c.modules == "" {
		return fmt.Errorf("-bench and -modules are required (bench/run.sh sets them)")
	}
	tools := strings.Split(c.tools, ",")
	for _, t := range tools {
		if !slices.Contains(allTools, t) {
			return fmt.Errorf("-tools: unknown tool %q (have %s)", t, strings.Join(allTools, ","))
		}
	}
	mods, err := readModules(c.modules, c.only)
	if err != nil {
		return err
	}
	s := &session{c: c, bin: filepath.Join(c.bench, "bin"), timings: map[string]*Timing{}, graph: map[string]int{}}
	s.staticcheck = filepath.Join(s.bin, "staticcheck")
	if c.bin != "" {
		s.bin = c.bin
	}
	s.prodvet = filepath.Join(s.bin, "prodvet")
	s.analyzertime = filepath.Join(s.bin, "analyzertime")
	for _, p := range []string{s.prodvet, s.staticcheck, s.analyzertime} {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%s is missing: run bench/setup.sh and bench/run.sh, which build it", p)
		}
	}
	if s.gobin, err = exec.LookPath("go"); err != nil {
		return err
	}
	if c.out == "" {
		c.out = filepath.Join(c.bench, "results", time.Now().UTC().Format("20060102-150405"))
		s.c.out = c.out
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	if s.tmp, err = os.MkdirTemp(c.bench, "tmp-"); err != nil {
		return err
	}
	defer os.RemoveAll(s.tmp)
	if s.log, err = os.Create(filepath.Join(c.out, "log.txt")); err != nil {
		return err
	}
	defer s.log.Close()

	env := environment()
	progress("results in %s; %s", c.out, env)
	var done []module
	for _, m := range mods {
		if err := s.module(m, tools); err != nil {
			return err
		}
		// Write what there is after each module: a long run that is cut
		// short still leaves its tables.
		done = append(done, m)
		if err := s.write(done, tools, env); err != nil {
			return err
		}
	}
	if f, err := os.ReadFile(filepath.Join(c.out, "table.md")); err == nil {
		os.Stdout.Write(f)
	}
	progress("wrote %s", filepath.Join(c.out, "table.md"))
	if len(s.failures) > 0 {
		return fmt.Errorf("%d failed run(s):\n%s", len(s.failures), strings.Join(s.failures, "\n"))
	}
	return nil
}

// write writes the samples, the per-analyzer timings and the tables of the
// modules measured so far.
func (s *session) write(mods []module, tools []string, env string) error {
	if err := s.writeSamples(filepath.Join(s.c.out, "samples.tsv")); err != nil {
		return err
	}
	data, err := json.MarshalIndent(s.timings, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.c.out, "analyzers.json"), data, 0o644); err != nil {
		return err
	}
	if data, err = json.MarshalIndent(s.graph, "", "  "); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.c.out, "graph.json"), data, 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(s.c.out, "table.md"))
	if err != nil {
		return err
	}
	fmt.Fprintf(f, "Measured %s, %d run(s) per tool (medians), interleaved.\nMachine at start: %s\nMachine now:      %s\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), s.c.runs, env, environment())
	s.tables(f, mods, tools)
	return f.Close()
}

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[benchrun %s] %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// environment describes the machine: what makes numbers comparable or not.
func environment() string {
	load, _ := os.ReadFile("/proc/loadavg")
	la := strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " ")
	return fmt.Sprintf("%s %s/%s, %d CPUs, load average %s", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), la)
}

// freshCopy copies an executable and appends a nonce: the same program
// under an identity (the hash of its file) that no cache has seen.
func (s *session) freshCopy(src string) (string, error) {
	s.nonce++
	data, err := os.ReadFile(src)
	if err != nil {
		return "", err
	}
	data = append(data, fmt.Sprintf("\nprodvet-bench nonce %d %d\n", time.Now().UnixNano(), s.nonce)...)
	dst := filepath.Join(s.tmp, fmt.Sprintf("%s-%d", filepath.Base(src), s.nonce))
	return dst, os.WriteFile(dst, data, 0o755)
}

var okExit = []int{0, 1} // 1: findings

func (s *session) measure(m module, dir, tool string, run int, c command) Sample {
	c.okExit = okExit
	smp := run1(dir, c, s.log)
	smp.Module, smp.Tool, smp.Run = m.name, tool, run
	s.samples = append(s.samples, smp)
	status := fmt.Sprintf("%.2fs wall %.2fs cpu %d MiB exit %d", smp.Wall.Seconds(), smp.CPU.Seconds(), smp.RSSKB/1024, smp.Exit)
	if smp.Failed != "" {
		status = "FAILED: " + smp.Failed
		s.failures = append(s.failures, fmt.Sprintf("%s %s run %d: %s", m.name, tool, run, smp.Failed))
	}
	progress("%s run %d %-18s %s", m.name, run, tool, status)
	return smp
}

var run1 = run

func (s *session) module(m module, tools []string) error {
	dir := filepath.Join(s.c.bench, "src", m.name)
	if _, err := os.Stat(filepath.Join(dir, ".corpus-ok")); err != nil {
		return fmt.Errorf("%s is not set up in %s: run bench/setup.sh %s", m.name, dir, m.name)
	}
	// Warm the build cache (export data of every dependency, test variants
	// included) and the file system cache, unmeasured.
	progress("%s: warming the build cache", m.name)
	if slices.Contains(tools, tGoVet) || slices.Contains(tools, tVettool) {
		// The go vet runs are measured warm too.
		warm := run1(dir, command{args: []string{s.gobin, "vet", "./..."}, okExit: okExit}, s.log)
		if warm.Failed != "" {
			return fmt.Errorf("%s: go vet ./... (warm-up): %s", m.name, warm.Failed)
		}
	}
	warm := run1(dir, command{args: []string{s.gobin, "list", "-export", "-deps", "-test", "./..."}, okExit: []int{0}}, nil)
	if warm.Failed != "" {
		return fmt.Errorf("%s: go list -export (warm-up): %s", m.name, warm.Failed)
	}
	list := exec.CommandContext(ctx, s.gobin, "list", "-deps", "-test", "-f", "{{.ImportPath}}", "./...")
	list.Dir = dir
	out, err := list.Output()
	if err != nil {
		return fmt.Errorf("%s: go list -deps -test: %v", m.name, err)
	}
	s.graph[m.name] = strings.Count(string(out), "\n")

	for r := range s.c.runs {
		order := slices.Clone(tools)
		k := r % len(order)
		order = append(order[k:], order[:k]...)
		for _, t := range order {
			if err := s.tool(m, dir, t, r); err != nil {
				return err
			}
		}
	}
	if s.c.cold && slices.Contains(tools, tVettool) {
		gocache := filepath.Join(s.tmp, "gocache-cold")
		s.measure(m, dir, tVettoolCold, 0, command{
			args: []string{s.gobin, "vet", "-vettool=" + s.prodvet, "./..."},
			env:  []string{"GOCACHE=" + gocache},
		})
		if err := os.RemoveAll(gocache); err != nil {
			return err
		}
	}
	if s.c.analyzers {
		cmd := exec.CommandContext(ctx, s.analyzertime, "-seq", "-json", "./...")
		cmd.Dir = dir
		cmd.Stderr = s.log
		out, err := cmd.Output()
		if err != nil {
			s.failures = append(s.failures, fmt.Sprintf("%s analyzertime: %v", m.name, err))
			progress("%s analyzertime FAILED: %v", m.name, err)
			return nil
		}
		var t Timing
		if err := json.Unmarshal(out, &t); err != nil {
			return fmt.Errorf("%s: analyzertime output: %w", m.name, err)
		}
		s.timings[m.name] = &t
		progress("%s per-analyzer timing: load %.2fs, analysis %.2fs", m.name, t.LoadSeconds, t.CheckSeconds)
	}
	return nil
}

// emptyThenCached measures a command as tool with an empty cache (a new
// directory that the environment variable names), then as cachedTool with
// that cache, unchanged.
func (s *session) emptyThenCached(m module, dir string, r int, tool, cachedTool, cacheVar string, args ...string) error {
	cache, err := os.MkdirTemp(s.tmp, tool+"-cache-")
	if err != nil {
		return err
	}
	c := command{args: args, env: []string{cacheVar + "=" + cache}}
	s.measure(m, dir, tool, r, c)
	s.measure(m, dir, cachedTool, r, c)
	return os.RemoveAll(cache)
}

func (s *session) tool(m module, dir, t string, r int) error {
	switch t {
	case tProdvet:
		return s.emptyThenCached(m, dir, r, t, tProdvetCache, "PRODVET_CACHE", s.prodvet, "./...")
	case tGoVet:
		// cmd/vet identifies itself by the Go release, not by a hash of its
		// file, so a copy is no new tool: a flag that changes nothing (a
		// printf wrapper name that matches no function) misses the cache.
		s.nonce++
		nonce := fmt.Sprintf("-printf.funcs=prodvetbench.Nonce%d_%d", time.Now().UnixNano(), s.nonce)
		s.measure(m, dir, t, r, command{args: []string{s.gobin, "vet", nonce, "./..."}})
	case tStaticcheck:
		return s.emptyThenCached(m, dir, r, t, tStaticCache, "STATICCHECK_CACHE", s.staticcheck, "./...")
	case tFloor:
		s.measure(m, dir, t, r, command{args: []string{s.analyzertime, "-floor", "./..."}})
	case tFloorSrc:
		s.measure(m, dir, t, r, command{args: []string{s.analyzertime, "-floor-src", "./..."}})
	case tVettool:
		pv, err := s.freshCopy(s.prodvet)
		if err != nil {
			return err
		}
		c := command{args: []string{s.gobin, "vet", "-vettool=" + pv, "./..."}}
		s.measure(m, dir, t, r, c)
		s.measure(m, dir, tVettoolCache, r, c)
		return os.Remove(pv)
	}
	return nil
}

func (s *session) writeSamples(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	fmt.Fprintf(f, "module\ttool\trun\twall_s\tcpu_s\tmaxrss_kib\texit\tfailed\n")
	for _, x := range s.samples {
		fmt.Fprintf(f, "%s\t%s\t%d\t%.3f\t%.3f\t%d\t%d\t%s\n", x.Module, x.Tool, x.Run, x.Wall.Seconds(), x.CPU.Seconds(), x.RSSKB, x.Exit,
			strings.ReplaceAll(strings.ReplaceAll(x.Failed, "\n", " | "), "\t", " "))
	}
	return f.Close()
}

// Timing mirrors analyzertime's JSON output.
type Timing struct {
	Packages         int     `json:"packages"`
	AllPackages      int     `json:"all_packages"`
	LoadMode         string  `json:"load_mode"`
	LoadSeconds      float64 `json:"load_seconds"`
	CheckSeconds     float64 `json:"check_seconds"`
	TypeCheckSeconds struct {
		Root float64 `json:"root"`
		Deps float64 `json:"deps"`
	} `json:"type_check_seconds"`
	Analyzers []struct {
		Name        string  `json:"name"`
		RootSeconds float64 `json:"root_seconds"`
		DepSeconds  float64 `json:"dep_seconds"`
		RootActions int     `json:"root_actions"`
		DepActions  int     `json:"dep_actions"`
		Findings    int     `json:"findings"`
	} `json:"analyzers"`
}

// tablesFrom prints the tables of an earlier run from its samples.tsv and
// analyzers.json, in the order of the modules file when one is given.
func tablesFrom(dir, modulesFile string) error {
	data, err := os.ReadFile(filepath.Join(dir, "samples.tsv"))
	if err != nil {
		return err
	}
	s := &session{timings: map[string]*Timing{}, graph: map[string]int{}}
	var mods []module
	var tools []string
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 8 {
			continue
		}
		var x Sample
		var wall, cpu float64
		if _, err := fmt.Sscan(strings.Join(f[2:7], " "), &x.Run, &wall, &cpu, &x.RSSKB, &x.Exit); err != nil {
			return fmt.Errorf("samples.tsv:%d: %w", i+1, err)
		}
		x.Module, x.Tool, x.Failed = f[0], f[1], f[7]
		x.Wall, x.CPU = time.Duration(wall*float64(time.Second)), time.Duration(cpu*float64(time.Second))
		s.samples = append(s.samples, x)
		s.c.runs = max(s.c.runs, x.Run+1)
		if !slices.ContainsFunc(mods, func(m module) bool { return m.name == x.Module }) {
			mods = append(mods, module{name: x.Module})
		}
		if slices.Contains(allTools, x.Tool) && !slices.Contains(tools, x.Tool) {
			tools = append(tools, x.Tool)
		}
	}
	if modulesFile != "" {
		if all, err := readModules(modulesFile, ""); err == nil {
			slices.SortStableFunc(mods, func(a, b module) int {
				ia := slices.IndexFunc(all, func(m module) bool { return m.name == a.name })
				ib := slices.IndexFunc(all, func(m module) bool { return m.name == b.name })
				return ia - ib
			})
		}
	}
	slices.SortStableFunc(tools, func(a, b string) int { return slices.Index(allTools, a) - slices.Index(allTools, b) })
	if data, err := os.ReadFile(filepath.Join(dir, "analyzers.json")); err == nil {
		if err := json.Unmarshal(data, &s.timings); err != nil {
			return fmt.Errorf("analyzers.json: %w", err)
		}
	}
	if data, err := os.ReadFile(filepath.Join(dir, "graph.json")); err == nil {
		if err := json.Unmarshal(data, &s.graph); err != nil {
			return fmt.Errorf("graph.json: %w", err)
		}
	}
	fmt.Printf("%d run(s) per tool (medians), from %s.\n\n", s.c.runs, dir)
	s.tables(os.Stdout, mods, tools)
	return nil
}
