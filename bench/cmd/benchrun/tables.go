package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Targets (bench/README.md).
const (
	targetWallVsStaticcheck = 0.5
	targetRSSVsStaticcheck  = 1.0
	targetCachedVettool     = 500 * time.Millisecond
)

type stat struct {
	wall, cpu time.Duration
	rssKB     int64
	n         int // successful samples
}

func median[T int64 | time.Duration](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

// medians returns the median wall, CPU and RSS of the successful samples of
// one tool in one module (each median on its own).
func (s *session) medians(mod, tool string) stat {
	var walls, cpus []time.Duration
	var rss []int64
	for _, x := range s.samples {
		if x.Module == mod && x.Tool == tool && x.Failed == "" {
			walls = append(walls, x.Wall)
			cpus = append(cpus, x.CPU)
			rss = append(rss, x.RSSKB)
		}
	}
	return stat{wall: median(walls), cpu: median(cpus), rssKB: median(rss), n: len(walls)}
}

func secs(st stat) string {
	if st.n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", st.wall.Seconds())
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func mark(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func (s *session) tables(w io.Writer, mods []module, tools []string) {
	has := func(t string) bool { return slices.Contains(tools, t) }
	shown := func(ts ...string) []string {
		var out []string
		for _, t := range ts {
			if has(t) {
				out = append(out, t)
			}
		}
		return out
	}
	main := shown(tProdvet, tGoVet, tStaticcheck, tFloor, tFloorSrc)

	// Wall time and ratios.
	var vs []string // ratio columns: prodvet against each tool measured
	if has(tProdvet) {
		vs = shown(tStaticcheck, tGoVet, tFloor, tFloorSrc)
	}
	cachedBoth := has(tProdvet) && has(tStaticcheck)
	fmt.Fprintf(w, "### Wall time (s)\n\nprodvet and staticcheck with empty caches (build cache warm); \"cached\": the same command again, unchanged.\n\n| module | packages (import graph, with tests) |")
	for _, t := range main {
		fmt.Fprintf(w, " %s |", t)
	}
	if has(tStaticcheck) {
		fmt.Fprintf(w, " staticcheck (cached) |")
	}
	if has(tProdvet) {
		fmt.Fprintf(w, " prodvet (cached) |")
	}
	for _, t := range vs {
		fmt.Fprintf(w, " prodvet/%s |", t)
	}
	if cachedBoth {
		fmt.Fprintf(w, " cached prodvet/staticcheck |")
	}
	fmt.Fprintf(w, "\n|---|---:|%s\n", strings.Repeat("---:|", len(main)+len(vs)+btoi(has(tStaticcheck))+btoi(has(tProdvet))+btoi(cachedBoth)))
	for _, m := range mods {
		pkgs := "—"
		if n := s.graph[m.name]; n > 0 {
			pkgs = fmt.Sprint(n)
		}
		fmt.Fprintf(w, "| %s | %s |", m.name, pkgs)
		for _, tool := range main {
			fmt.Fprintf(w, " %s |", secs(s.medians(m.name, tool)))
		}
		if has(tStaticcheck) {
			fmt.Fprintf(w, " %s |", secs(s.medians(m.name, tStaticCache)))
		}
		if has(tProdvet) {
			fmt.Fprintf(w, " %s |", secs(s.medians(m.name, tProdvetCache)))
		}
		p := s.medians(m.name, tProdvet).wall.Seconds()
		for _, other := range vs {
			fmt.Fprintf(w, " %s |", ratio(p, s.medians(m.name, other).wall.Seconds()))
		}
		if cachedBoth {
			fmt.Fprintf(w, " %s |", ratio(s.medians(m.name, tProdvetCache).wall.Seconds(), s.medians(m.name, tStaticCache).wall.Seconds()))
		}
		fmt.Fprintln(w)
	}

	// CPU time.
	fmt.Fprintf(w, "\n### CPU time, user+system (s)\n\n| module |")
	for _, t := range main {
		fmt.Fprintf(w, " %s |", t)
	}
	fmt.Fprintf(w, " prodvet/staticcheck |\n|---|%s\n", strings.Repeat("---:|", len(main)+1))
	for _, m := range mods {
		fmt.Fprintf(w, "| %s |", m.name)
		for _, tool := range main {
			st := s.medians(m.name, tool)
			if st.n == 0 {
				fmt.Fprintf(w, " — |")
				continue
			}
			fmt.Fprintf(w, " %.2f |", st.cpu.Seconds())
		}
		fmt.Fprintf(w, " %s |\n", ratio(s.medians(m.name, tProdvet).cpu.Seconds(), s.medians(m.name, tStaticcheck).cpu.Seconds()))
	}

	// Peak RSS, next to the size of the import graph: it must stay flat as
	// the graph grows.
	fmt.Fprintf(w, "\n### Peak RSS (MiB; for go vet, of its largest single process)\n\n| module | packages |")
	for _, t := range main {
		fmt.Fprintf(w, " %s |", t)
	}
	if has(tStaticcheck) {
		fmt.Fprintf(w, " staticcheck (cached) |")
	}
	if has(tProdvet) {
		fmt.Fprintf(w, " prodvet (cached) |")
	}
	fmt.Fprintf(w, " prodvet/staticcheck |\n|---|---:|%s\n", strings.Repeat("---:|", len(main)+btoi(has(tStaticcheck))+btoi(has(tProdvet))+1))
	rss := func(st stat) string {
		if st.n == 0 {
			return "—"
		}
		return fmt.Sprint(st.rssKB / 1024)
	}
	for _, m := range mods {
		pkgs := "—"
		if n := s.graph[m.name]; n > 0 {
			pkgs = fmt.Sprint(n)
		}
		fmt.Fprintf(w, "| %s | %s |", m.name, pkgs)
		for _, tool := range main {
			fmt.Fprintf(w, " %s |", rss(s.medians(m.name, tool)))
		}
		if has(tStaticcheck) {
			fmt.Fprintf(w, " %s |", rss(s.medians(m.name, tStaticCache)))
		}
		if has(tProdvet) {
			fmt.Fprintf(w, " %s |", rss(s.medians(m.name, tProdvetCache)))
		}
		fmt.Fprintf(w, " %s |\n", ratio(float64(s.medians(m.name, tProdvet).rssKB), float64(s.medians(m.name, tStaticcheck).rssKB)))
	}

	// go vet -vettool.
	if has(tVettool) {
		fmt.Fprintf(w, "\n### go vet -vettool=prodvet (wall s)\n\n")
		fmt.Fprintf(w, "| module | cold (empty build cache) | warm build | unchanged re-run | unchanged re-run, CPU s | peak RSS warm (MiB) |\n|---|---:|---:|---:|---:|---:|\n")
		for _, m := range mods {
			warm, cached := s.medians(m.name, tVettool), s.medians(m.name, tVettoolCache)
			fmt.Fprintf(w, "| %s | %s | %s | %s | %.2f | %d |\n", m.name, secs(s.medians(m.name, tVettoolCold)),
				secs(warm), secs(cached), cached.cpu.Seconds(), warm.rssKB/1024)
		}
	}

	// Per analyzer.
	if len(s.timings) > 0 {
		var names []string
		for _, t := range s.timings {
			for _, a := range t.Analyzers {
				if !slices.Contains(names, a.Name) {
					names = append(names, a.Name)
				}
			}
		}
		slices.Sort(names)
		fmt.Fprintf(w, "\n### Per analyzer (s: sum of each analyzer's runs, one package at a time, no cache; named packages + dependencies for facts)\n\n")
		fmt.Fprintf(w, "| module | go list | parse and type-check |")
		for _, n := range names {
			fmt.Fprintf(w, " %s |", n)
		}
		fmt.Fprintf(w, "\n|---|---:|---:|%s\n", strings.Repeat("---:|", len(names)))
		for _, m := range mods {
			t := s.timings[m.name]
			if t == nil {
				continue
			}
			fmt.Fprintf(w, "| %s | %.2f | %.2f + %.2f |", m.name, t.LoadSeconds, t.TypeCheckSeconds.Root, t.TypeCheckSeconds.Deps)
			for _, n := range names {
				cell := "—"
				for _, a := range t.Analyzers {
					if a.Name == n {
						if a.DepActions > 0 {
							cell = fmt.Sprintf("%.2f + %.2f", a.RootSeconds, a.DepSeconds)
						} else {
							cell = fmt.Sprintf("%.2f", a.RootSeconds)
						}
					}
				}
				fmt.Fprintf(w, " %s |", cell)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "\nFindings per analyzer (named packages, once per position):\n\n| module |")
		for _, n := range names {
			fmt.Fprintf(w, " %s |", n)
		}
		fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---:|", len(names)))
		for _, m := range mods {
			t := s.timings[m.name]
			if t == nil {
				continue
			}
			fmt.Fprintf(w, "| %s |", m.name)
			for _, n := range names {
				cell := "—"
				for _, a := range t.Analyzers {
					if a.Name == n {
						cell = fmt.Sprint(a.Findings)
					}
				}
				fmt.Fprintf(w, " %s |", cell)
			}
			fmt.Fprintln(w)
		}
	}

	// Targets.
	fmt.Fprintf(w, "\n### Targets\n\n| module | wall ≤ %.1fx staticcheck | peak RSS ≤ %.1fx staticcheck | unchanged re-run ≤ staticcheck's | vettool unchanged re-run < %v |\n|---|---|---|---|---|\n",
		targetWallVsStaticcheck, targetRSSVsStaticcheck, targetCachedVettool)
	for _, m := range mods {
		p, sc, cached := s.medians(m.name, tProdvet), s.medians(m.name, tStaticcheck), s.medians(m.name, tVettoolCache)
		pc, scc := s.medians(m.name, tProdvetCache), s.medians(m.name, tStaticCache)
		cell := func(ok bool, have bool, v string) string {
			if !have {
				return "—"
			}
			return mark(ok) + " (" + v + ")"
		}
		wr := p.wall.Seconds() / sc.wall.Seconds()
		rr := float64(p.rssKB) / float64(sc.rssKB)
		cr := pc.wall.Seconds() / scc.wall.Seconds()
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", m.name,
			cell(wr <= targetWallVsStaticcheck, p.n > 0 && sc.n > 0, fmt.Sprintf("%.2fx", wr)),
			cell(rr <= targetRSSVsStaticcheck, p.n > 0 && sc.n > 0, fmt.Sprintf("%.2fx", rr)),
			cell(cr <= 1, pc.n > 0 && scc.n > 0, fmt.Sprintf("%.2fs, %.2fx", pc.wall.Seconds(), cr)),
			cell(cached.wall < targetCachedVettool, cached.n > 0, fmt.Sprintf("%.2fs", cached.wall.Seconds())))
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
