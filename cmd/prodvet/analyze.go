package main

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/prodvet/prodvet/internal/facts"
)

// A finding is one diagnostic of one analyzer, with its positions resolved.
type finding struct {
	analyzer *analysis.Analyzer
	pkgID    string
	fset     *token.FileSet
	diag     analysis.Diagnostic
	start    token.Position
	end      token.Position
}

func analyze(cfg *config, stdout, stderr io.Writer) int {
	if cfg.dir != "" {
		if err := os.Chdir(cfg.dir); err != nil {
			fmt.Fprintf(stderr, "prodvet: -C: %v\n", err)
			return exitError
		}
	}
	pkgs, err := load(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
		return exitError
	}
	if msgs := loadErrors(pkgs); len(msgs) > 0 {
		fmt.Fprintf(stderr, "prodvet: cannot analyze: packages have errors:\n")
		for _, m := range msgs {
			fmt.Fprintf(stderr, "  %s\n", m)
		}
		return exitError
	}
	for _, a := range cfg.analyzers {
		guard(a)
	}
	graph, err := checker.Analyze(cfg.analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
		return exitError
	}
	findings, failed := collect(graph, stderr)

	code := exitClean
	switch {
	case cfg.fix || cfg.diff:
		remaining, err := applyFixes(findings, cfg.diff, stdout, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "prodvet: %v\n", err)
			return exitError
		}
		if cfg.fix {
			printText(stdout, remaining)
		}
		if len(findings) > 0 && (cfg.diff || len(remaining) > 0) {
			code = exitFindings
		}
	case cfg.jsonOut:
		err = printJSON(stdout, findings)
	case cfg.sarifOut:
		err = printSARIF(stdout, cfg.analyzers, findings)
	default:
		printText(stdout, findings)
	}
	if err != nil {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
		return exitError
	}
	if !cfg.fix && !cfg.diff && len(findings) > 0 {
		code = exitFindings
	}
	if failed {
		code = exitError
	}
	return code
}

// load loads the packages, from source for the whole graph only when an
// analyzer needs facts from dependencies.
func load(cfg *config) ([]*packages.Package, error) {
	mode := packages.LoadSyntax | packages.NeedModule
	if facts.Needed(cfg.analyzers) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	conf := &packages.Config{Mode: mode, Tests: cfg.tests}
	pkgs, err := packages.Load(conf, cfg.patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(cfg.patterns, " "))
	}
	return pkgs, nil
}

// loadErrors returns the errors of every package in the import graph, with
// file names relative to the working directory, without duplicates.
func loadErrors(pkgs []*packages.Package) []string {
	var msgs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Msg
			if e.Pos != "" && e.Pos != "-" {
				msg = relPath(e.Pos) + ": " + msg
			} else {
				msg = p.PkgPath + ": " + msg
			}
			if !seen[msg] {
				seen[msg] = true
				msgs = append(msgs, msg)
			}
		}
	})
	return msgs
}

// guard turns a panic in an analyzer into an error naming the analyzer and
// the package, so one bug does not take down a whole CI run.
func guard(a *analysis.Analyzer) {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error: %s panicked on package %s: %v\n%s", a.Name, pass.Pkg.Path(), r, debug.Stack())
			}
		}()
		return run(pass)
	}
}

// collect gathers the diagnostics of the root actions, once each (a file
// analyzed in both "p" and "p [p.test]" reports twice), in a stable order.
func collect(g *checker.Graph, stderr io.Writer) (findings []finding, failed bool) {
	seen := map[string]bool{}
	roots := slices.Clone(g.Roots)
	slices.SortFunc(roots, func(a, b *checker.Action) int {
		return cmp.Or(cmp.Compare(a.Package.ID, b.Package.ID), cmp.Compare(a.Analyzer.Name, b.Analyzer.Name))
	})
	for _, act := range roots {
		if act.Err != nil {
			fmt.Fprintf(stderr, "prodvet: %s on %s: %v\n", act.Analyzer.Name, act.Package.ID, act.Err)
			failed = true
			continue
		}
		for _, d := range act.Diagnostics {
			f := finding{
				analyzer: act.Analyzer,
				pkgID:    act.Package.ID,
				fset:     act.Package.Fset,
				diag:     d,
				start:    act.Package.Fset.Position(d.Pos),
				end:      act.Package.Fset.Position(cmp.Or(d.End, d.Pos)),
			}
			key := fmt.Sprintf("%s|%s|%s|%s", act.Analyzer.Name, f.start, f.end, d.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			findings = append(findings, f)
		}
	}
	slices.SortStableFunc(findings, func(a, b finding) int {
		return cmp.Or(
			cmp.Compare(a.start.Filename, b.start.Filename),
			cmp.Compare(a.start.Line, b.start.Line),
			cmp.Compare(a.start.Column, b.start.Column),
			cmp.Compare(a.analyzer.Name, b.analyzer.Name),
			cmp.Compare(a.diag.Message, b.diag.Message))
	})
	return findings, failed
}

// relPath makes a file name, or a "file:line:col" position, relative to the
// working directory when it lies beneath it.
func relPath(name string) string {
	if !filepath.IsAbs(name) {
		return name
	}
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}

func printText(w io.Writer, findings []finding) {
	for _, f := range findings {
		fmt.Fprintf(w, "%s:%d:%d: %s (%s)\n", relPath(f.start.Filename), f.start.Line, f.start.Column, f.diag.Message, f.analyzer.Name)
	}
}
