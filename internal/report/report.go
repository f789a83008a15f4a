// Package report is the single place where prodvet's analyzers report
// diagnostics. It applies the suite's policy to every finding:
//
//   - each diagnostic carries a Category and the analyzer's documentation URL;
//   - nothing is reported in generated files (so no fix ever touches them);
//   - a //nolint comment naming the analyzer, "prodvet" or "all" (or a bare
//     //nolint) on the line of the finding, or on its own line directly above
//     the declaration or statement that contains it, silences the finding,
//     with the same rules as golangci-lint, so one comment serves both tools
//     and the go vet -vettool path alike;
//   - an analyzer may declare gosec rules equivalent to one of its categories
//     (HonorNosec), so that code already reviewed with "#nosec G112" is not
//     reported again under another name, and likewise staticcheck checks
//     (HonorStaticcheck: //lint:ignore, //lint:file-ignore,
//     //nolint:staticcheck).
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/internal/generated"
)

// DocsURL is where each analyzer's generated documentation page lives.
const DocsURL = "https://github.com/prodvet/prodvet/blob/main/docs/"

// SuiteName is the name of the whole suite in //nolint comments and in the
// golangci-lint plugin.
const SuiteName = "prodvet"

// URL returns the documentation URL of the named analyzer.
func URL(analyzer string) string { return DocsURL + analyzer + ".md" }

// A Reporter reports the diagnostics of one pass. Create one per pass.
type Reporter struct {
	pass  *analysis.Pass
	files map[*token.File]*fileInfo
	nosec map[string][]string // category -> equivalent gosec rule IDs
	alias []string            // other linters whose //nolint also covers this analyzer
	// staticcheck holds, by category, the staticcheck checks whose
	// suppressions also cover it (HonorStaticcheck).
	staticcheck map[string][]string
	tests       Tests
	inTest      bool // the package is test support and tests are skipped
}

type fileInfo struct {
	file      *ast.File
	generated bool
	test      bool                   // a _test.go file
	ranges    map[string][]lineRange // silenced lines, by directive kind; computed lazily
}

type lineRange struct{ from, to int }

// New returns a Reporter for pass that reports in test code as tests says
// (ReportTests when omitted).
func New(pass *analysis.Pass, tests ...Tests) *Reporter {
	r := &Reporter{pass: pass, files: make(map[*token.File]*fileInfo, len(pass.Files))}
	for _, t := range tests {
		r.tests = max(r.tests, t)
	}
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.FileStart); tf != nil {
			r.files[tf] = &fileInfo{
				file:      f,
				generated: generated.Source(pass.Fset, f),
				test:      strings.HasSuffix(tf.Name(), "_test.go"),
				ranges:    map[string][]lineRange{},
			}
		}
	}
	r.inTest = r.tests == SkipTests && TestSupport(pass)
	return r
}

// HonorNosec makes a gosec suppression comment ("// #nosec", or
// "// #nosec G112 -- reason" naming one of ids) silence findings of
// category, because those gosec rules report the same problem.
func (r *Reporter) HonorNosec(category string, ids ...string) {
	if r.nosec == nil {
		r.nosec = map[string][]string{}
	}
	r.nosec[category] = append(r.nosec[category], ids...)
}

// HonorNolint makes a //nolint comment naming one of linters (golangci-lint
// linters that report the same problem, such as errorlint for errwrap)
// silence this analyzer's findings too: code reviewed and silenced under
// the other linter's name is not reported again under prodvet's. Call it
// before reporting.
func (r *Reporter) HonorNolint(linters ...string) {
	r.alias = append(r.alias, linters...)
}

// Report reports msg for the source range rng under category, with optional
// suggested fixes.
func (r *Reporter) Report(rng analysis.Range, category, msg string, fixes ...analysis.SuggestedFix) {
	r.ReportDiagnostic(analysis.Diagnostic{
		Pos:            rng.Pos(),
		End:            rng.End(),
		Category:       category,
		Message:        msg,
		SuggestedFixes: fixes,
	})
}

// Reportf is Report with a format string.
func (r *Reporter) Reportf(rng analysis.Range, category, format string, args ...any) {
	r.Report(rng, category, fmt.Sprintf(format, args...))
}

// ReportDiagnostic applies the suite's policy to d and reports it.
func (r *Reporter) ReportDiagnostic(d analysis.Diagnostic) {
	if d.Category == "" {
		d.Category = r.pass.Analyzer.Name
	}
	if d.URL == "" {
		d.URL = URL(r.pass.Analyzer.Name)
	}
	if r.Suppressed(d.Pos) {
		return
	}
	if !r.editable(d.SuggestedFixes) {
		d.SuggestedFixes = nil
	}
	if ids := r.nosec[d.Category]; len(ids) > 0 && r.silenced(d.Pos, "nosec:"+d.Category, func(text string) bool { return NosecMatches(text, ids) }) {
		return
	}
	if r.staticcheckSilenced(d.Pos, d.Category) {
		return
	}
	r.pass.Report(d)
}

// editable reports whether every edit of fixes lands in a file the user
// edits: not one whose positions //line directives remap, like the
// cgo-processed copy of a file that imports "C".
func (r *Reporter) editable(fixes []analysis.SuggestedFix) bool {
	for _, fix := range fixes {
		for _, e := range fix.TextEdits {
			raw, adj := r.pass.Fset.PositionFor(e.Pos, false), r.pass.Fset.PositionFor(e.Pos, true)
			if raw.Filename != adj.Filename || raw.Line != adj.Line {
				return false
			}
		}
	}
	return true
}

// CoversPackage reports whether the policy lets anything in this package be
// reported: false for a test-support package under SkipTests.
func (r *Reporter) CoversPackage() bool { return !r.inTest }

// Covers reports whether the Reporter's test policy lets a finding at pos
// be reported: an analyzer may skip the work for code it does not cover.
func (r *Reporter) Covers(pos token.Pos) bool {
	if r.inTest {
		return false
	}
	fi := r.files[r.pass.Fset.File(pos)]
	return fi == nil || !fi.test || r.tests == ReportTests
}

// Suppressed reports whether a finding at pos must not be reported: it lies
// in a generated file, in test code the policy skips, or under a matching
// //nolint comment.
func (r *Reporter) Suppressed(pos token.Pos) bool {
	if !r.Covers(pos) {
		return true
	}
	fi := r.files[r.pass.Fset.File(pos)]
	if fi == nil {
		return false // not a file of this package (cannot happen for valid positions)
	}
	if fi.generated {
		return true
	}
	name := r.pass.Analyzer.Name
	return r.silenced(pos, "nolint", func(text string) bool {
		if NolintMatches(text, name) {
			return true
		}
		for _, other := range r.alias {
			if NolintMatches(text, other) {
				return true
			}
		}
		return false
	})
}

// silenced reports whether pos lies in a range covered by a comment that
// matches; kind names the matcher, for caching.
func (r *Reporter) silenced(pos token.Pos, kind string, matches func(text string) bool) bool {
	tf := r.pass.Fset.File(pos)
	fi := r.files[tf]
	if fi == nil {
		return false
	}
	ranges, ok := fi.ranges[kind]
	if !ok {
		ranges = directiveRanges(r.pass.Fset, fi.file, matches)
		fi.ranges[kind] = ranges
	}
	line := tf.Line(pos)
	for _, lr := range ranges {
		if lr.from <= line && line <= lr.to {
			return true
		}
	}
	return false
}

// directiveRanges returns the line ranges of f covered by comments that
// match.
func directiveRanges(fset *token.FileSet, f *ast.File, matches func(text string) bool) []lineRange {
	type directive struct {
		lineRange
		col int
	}
	var dirs []directive
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if !matches(c.Text) {
				continue
			}
			p := fset.Position(c.Slash)
			dirs = append(dirs, directive{lineRange{p.Line, p.Line}, p.Column})
		}
	}
	if len(dirs) == 0 {
		return nil
	}
	// A directive alone on the line before a node, at the node's column,
	// covers the whole node (golangci-lint's rule).
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		start := fset.Position(n.Pos())
		for i := range dirs {
			if dirs[i].from == start.Line-1 && dirs[i].col == start.Column {
				if end := fset.Position(n.End()).Line; end > dirs[i].to {
					dirs[i].to = end
				}
			}
		}
		return true
	})
	out := make([]lineRange, len(dirs))
	for i, d := range dirs {
		out[i] = d.lineRange
	}
	return out
}

// NolintMatches reports whether the comment text (including its // marker)
// is a nolint directive that covers analyzer: a bare //nolint, or a list
// naming "all", the suite or the analyzer, as in
// "//nolint:prodvet,errcheck // reason".
func NolintMatches(text, analyzer string) bool {
	names, ok := nolintList(text)
	if !ok {
		return false
	}
	if names == nil {
		return true // bare //nolint, possibly followed by an explanation
	}
	for _, name := range names {
		name = strings.TrimSpace(name)
		if strings.EqualFold(name, "all") || strings.EqualFold(name, SuiteName) || strings.EqualFold(name, analyzer) {
			return true
		}
	}
	return false
}

// IsNolint reports whether the comment text is a nolint directive for any
// linter, as in "//nolint" or "//nolint:errcheck // reason".
func IsNolint(text string) bool {
	_, ok := nolintList(text)
	return ok
}

// nolintList returns the linters that a nolint directive lists, nil for a
// bare //nolint; ok is false when text is no such directive.
func nolintList(text string) (names []string, ok bool) {
	rest, ok := strings.CutPrefix(text, "//")
	if !ok {
		return nil, false
	}
	rest = strings.TrimLeft(rest, " \t")
	rest, ok = strings.CutPrefix(rest, "nolint")
	if !ok {
		return nil, false
	}
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		return nil, true
	}
	list, ok := strings.CutPrefix(rest, ":")
	if !ok {
		return nil, false // e.g. //nolintfoo
	}
	if i := strings.IndexAny(list, " \t"); i >= 0 {
		list = list[:i]
	}
	return strings.Split(list, ","), true
}

// NosecMatches reports whether the comment text is a gosec suppression that
// covers one of ids: "#nosec" alone, or followed by a list of rule IDs that
// names one of them ("// #nosec G112 G114 -- reason").
func NosecMatches(text string, ids []string) bool {
	_, rest, ok := strings.Cut(text, "#nosec")
	if !ok {
		return false
	}
	rest, _, _ = strings.Cut(rest, "--")
	listed := false
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' }) {
		if len(f) < 2 || f[0] != 'G' {
			break // the list ends where the justification starts
		}
		listed = true
		for _, id := range ids {
			if f == id {
				return true
			}
		}
	}
	return !listed
}
