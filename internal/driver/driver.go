// Package driver holds what prodvet's drivers share: findings with their
// positions resolved, the guard that turns an analyzer's panic into an
// error, and the analysis framework's checker over packages loaded whole
// from source (Load, Analyze, Collect), which the command's own driver
// (internal/runner) is tested against and the Go benchmarks use.
//
// It knows no analyzer: callers pass them in (analyzers.Suite, or a
// benchmark's own).
package driver

import (
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"weak"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A Finding is one diagnostic of one analyzer, with every position
// resolved, so that it needs no file set and can be cached on disk.
type Finding struct {
	Analyzer *analysis.Analyzer
	PkgID    string // the package's ID, "p" or "p [p.test]"
	Category string
	Message  string
	Start    token.Position
	End      token.Position // Start when the diagnostic has no end
	Fixes    []Fix
	Related  []Related
}

// A Fix is a suggested fix, its edits resolved.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the bytes from Start to End. Start and End are as the
// user reads them (after //line directives); RawStart and RawEnd are the
// positions in the file the parser read, whose offsets the edit applies at.
type Edit struct {
	Start, End       token.Position
	RawStart, RawEnd token.Position
	New              string
}

// Remapped reports whether //line directives (cgo) move the edit: its
// offsets then do not point into the file the user edits.
func (e Edit) Remapped() bool {
	return e.RawStart.Filename != e.Start.Filename || e.RawStart.Line != e.Start.Line
}

// Related is a diagnostic's related information.
type Related struct {
	Start, End token.Position
	Message    string
}

// Resolve turns a diagnostic that a reported on package pkgID into a
// Finding.
func Resolve(a *analysis.Analyzer, pkgID string, fset *token.FileSet, d analysis.Diagnostic) Finding {
	f := Finding{
		Analyzer: a,
		PkgID:    pkgID,
		Category: d.Category,
		Message:  d.Message,
		Start:    fset.Position(d.Pos),
		End:      fset.Position(cmp.Or(d.End, d.Pos)),
	}
	for _, sf := range d.SuggestedFixes {
		fix := Fix{Message: sf.Message}
		for _, te := range sf.TextEdits {
			end := cmp.Or(te.End, te.Pos)
			fix.Edits = append(fix.Edits, Edit{
				Start: fset.Position(te.Pos), End: fset.Position(end),
				RawStart: fset.PositionFor(te.Pos, false), RawEnd: fset.PositionFor(end, false),
				New: string(te.NewText),
			})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	for _, r := range d.Related {
		f.Related = append(f.Related, Related{Start: fset.Position(r.Pos), End: fset.Position(cmp.Or(r.End, r.Pos)), Message: r.Message})
	}
	return f
}

// Config says what Load loads.
type Config struct {
	Dir   string // the directory to run the build system in; "" is the working directory
	Tests bool   // load test packages too
}

// NeedsFacts reports whether any of the analyzers, or any analyzer they
// require, declares a fact type: the driver must then analyze every
// dependency from source, not only load its export data.
func NeedsFacts(analyzers []*analysis.Analyzer) bool {
	found := false
	visit(analyzers, func(a *analysis.Analyzer) bool {
		found = len(a.FactTypes) > 0
		return !found
	})
	return found
}

// Load loads the packages the patterns name, for the analyzers: from
// source for the whole import graph only when NeedsFacts(analyzers),
// otherwise from source for the named packages and from export data for
// their dependencies. A pattern that matches nothing is an error; the
// packages' own errors are not (see LoadErrors).
func Load(cfg Config, analyzers []*analysis.Analyzer, patterns []string) ([]*packages.Package, error) {
	mode := packages.LoadSyntax | packages.NeedModule
	if NeedsFacts(analyzers) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Dir: cfg.Dir, Tests: cfg.Tests}, patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	return pkgs, nil
}

// LoadErrors returns the errors of every package in the import graph, with
// file names relative to the working directory, without duplicates.
func LoadErrors(pkgs []*packages.Package) []string {
	var msgs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := ErrorMessage(p.PkgPath, e)
			if !seen[msg] {
				seen[msg] = true
				msgs = append(msgs, msg)
			}
		}
	})
	return msgs
}

// ErrorMessage formats an error of the package pkgPath as LoadErrors
// lists it: "file:line:col: message", or "path: message" without a position.
func ErrorMessage(pkgPath string, e packages.Error) string {
	if e.Pos != "" && e.Pos != "-" {
		return RelPath(e.Pos) + ": " + e.Msg
	}
	return pkgPath + ": " + e.Msg
}

// guarded holds the analyzers whose Run Guard has wrapped, weakly, so that
// the analyzers of finished runs can be collected.
var guarded struct {
	sync.Mutex
	done map[weak.Pointer[analysis.Analyzer]]bool
}

// Guard makes a panic in the Run of any of the analyzers, or of any
// analyzer they require, an error naming the analyzer and the package, so
// one bug does not take down a whole CI run. It wraps each analyzer's Run
// once per process however often it is called, and is safe to call from
// several goroutines: helper analyzers are singletons that every run of
// the suite shares. Call it before the analyzers run; Analyze does.
func Guard(analyzers []*analysis.Analyzer) {
	guarded.Lock()
	defer guarded.Unlock()
	if guarded.done == nil {
		guarded.done = map[weak.Pointer[analysis.Analyzer]]bool{}
	}
	visit(analyzers, func(a *analysis.Analyzer) bool {
		key := weak.Make(a)
		if !guarded.done[key] {
			guarded.done[key] = true
			guard(a)
		}
		return true
	})
}

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

// Analyze guards the analyzers and runs them on the packages.
func Analyze(analyzers []*analysis.Analyzer, pkgs []*packages.Package, opts *checker.Options) (*checker.Graph, error) {
	Guard(analyzers)
	return checker.Analyze(analyzers, pkgs, opts)
}

// Check loads the packages whole and analyzes them with the analysis
// framework's checker, as the command did before its runner: the
// reference the runner and gopls's findings are tested against.
func Check(cfg Config, analyzers []*analysis.Analyzer, patterns []string) ([]Finding, error) {
	pkgs, err := Load(cfg, analyzers, patterns)
	if err != nil {
		return nil, err
	}
	g, err := Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	findings, errs := Collect(g)
	return findings, errors.Join(errs...)
}

// Collect gathers the diagnostics of the root actions, once each (a file
// analyzed in both "p" and "p [p.test]" reports twice), in a stable order:
// by file, line, column, analyzer and message. errs holds, in the order of
// package and analyzer, the error of each root action that failed, as
// "analyzer on package: error".
func Collect(g *checker.Graph) (findings []Finding, errs []error) {
	seen := map[string]bool{}
	roots := slices.Clone(g.Roots)
	slices.SortFunc(roots, func(a, b *checker.Action) int {
		return cmp.Or(cmp.Compare(a.Package.ID, b.Package.ID), cmp.Compare(a.Analyzer.Name, b.Analyzer.Name))
	})
	for _, act := range roots {
		if act.Err != nil {
			errs = append(errs, fmt.Errorf("%s on %s: %w", act.Analyzer.Name, act.Package.ID, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			f := Resolve(act.Analyzer, act.Package.ID, act.Package.Fset, d)
			key := f.Key()
			if seen[key] {
				continue
			}
			seen[key] = true
			findings = append(findings, f)
		}
	}
	SortFindings(findings)
	return findings, errs
}

// Key identifies a finding across the variants of a package: a file
// analyzed in both "p" and "p [p.test]" reports twice.
func (f Finding) Key() string {
	return fmt.Sprintf("%s|%s|%s|%s", f.Analyzer.Name, f.Start, f.End, f.Message)
}

// SortFindings puts findings in the order prodvet prints them: by file,
// line, column, analyzer and message.
func SortFindings(findings []Finding) {
	slices.SortStableFunc(findings, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Start.Filename, b.Start.Filename),
			cmp.Compare(a.Start.Line, b.Start.Line),
			cmp.Compare(a.Start.Column, b.Start.Column),
			cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
			cmp.Compare(a.Message, b.Message))
	})
}

// RelPath makes a file name, or a "file:line:col" position, relative to the
// working directory when it lies beneath it.
func RelPath(name string) string {
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

// Closure returns the analyzers and every analyzer they require, once
// each, each before those it requires.
func Closure(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	visit(analyzers, func(a *analysis.Analyzer) bool {
		out = append(out, a)
		return true
	})
	return out
}

// visit calls f on each analyzer of the Requires closure of analyzers,
// once, until f returns false.
func visit(analyzers []*analysis.Analyzer, f func(*analysis.Analyzer) bool) {
	seen := map[*analysis.Analyzer]bool{}
	var walk func(as []*analysis.Analyzer) bool
	walk = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if !f(a) || !walk(a.Requires) {
				return false
			}
		}
		return true
	}
	walk(analyzers)
}
