// Package analyzers holds prodvet's analyzers, one package each, and Suite,
// the one ordered list of them that the CLI, the go vet tool, the
// golangci-lint plugin and the generated docs all use.
package analyzers

//go:generate go run ../cmd/gendocs -o ../docs

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers/atomicmix"
	"github.com/prodvet/prodvet/analyzers/chanleak"
	"github.com/prodvet/prodvet/analyzers/ctxprop"
	"github.com/prodvet/prodvet/analyzers/errcmp"
	"github.com/prodvet/prodvet/analyzers/errwrap"
	"github.com/prodvet/prodvet/analyzers/httptimeout"
	"github.com/prodvet/prodvet/analyzers/loopcapture"
	"github.com/prodvet/prodvet/analyzers/poolmisuse"
	"github.com/prodvet/prodvet/analyzers/rangeclose"
	"github.com/prodvet/prodvet/analyzers/readcontract"
	"github.com/prodvet/prodvet/analyzers/selectspin"
	"github.com/prodvet/prodvet/analyzers/unwaitedgo"
	"github.com/prodvet/prodvet/analyzers/wgmisuse"
)

// Suite returns fresh instances of every prodvet analyzer, in a stable
// order. Each call builds new analyzers with default options, so callers
// may set options (flags) without affecting one another.
//
// Each analyzer package also exports Analyzer, one instance with default
// options, for drivers that take one analyzer variable per package (Bazel's
// nogo, singlechecker); it is kept, and kept equal to what Suite builds
// (TestExportedAnalyzer), for them. Programs that set options use Suite.
func Suite() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		httptimeout.New(),
		ctxprop.New(),
		loopcapture.New(),
		wgmisuse.New(),
		unwaitedgo.New(),
		rangeclose.New(),
		chanleak.New(),
		selectspin.New(),
		atomicmix.New(),
		poolmisuse.New(),
		errwrap.New(),
		errcmp.New(),
		readcontract.New(),
	}
}

// optIn are the analyzers left out of the default set: measured on the
// bench corpus (bench/README.md), fewer than 90% of their findings were a
// true bug or a real risk, so they run only when asked for. Each one's
// doc.go gives its figure.
var optIn = map[string]bool{
	httptimeout.Name: true,
	ctxprop.Name:     true,
	atomicmix.Name:   true,
}

// OptIn reports whether a is left out of the default set: it runs only when
// an enable list names it (or "all").
func OptIn(a *analysis.Analyzer) bool { return optIn[a.Name] }

// Names that an enable list may use besides analyzer names.
const (
	// DefaultSet stands for every analyzer that runs by default.
	DefaultSet = "default"
	// AllAnalyzers stands for every analyzer, opt-in ones included.
	AllAnalyzers = "all"
)

// Select returns the analyzers of all that the enable and disable lists
// choose, in the order of all. It is the one rule the CLI's -enable and
// -disable and the golangci-lint plugin's settings.enable and
// settings.disable follow:
//
//   - Names match regardless of case (golangci-lint lower-cases every key,
//     and analyzer names are lowercase), after surrounding spaces are
//     trimmed; empty names are ignored.
//   - An empty enable list means the default set: every analyzer but the
//     opt-in ones (OptIn). Otherwise only those named; "default" in the
//     list stands for the default set (enable=default,ctxprop adds ctxprop
//     to it) and "all" for every analyzer.
//   - disable wins: a name in both lists is not run.
//   - A name that is no analyzer of all is an *UnknownAnalyzerError, which
//     lists the known names.
//   - Lists that leave no analyzer are an error wrapping ErrNoneSelected.
func Select(all []*analysis.Analyzer, enable, disable []string) ([]*analysis.Analyzer, error) {
	var named []string
	defaults, every := false, false
	for _, n := range enable {
		switch strings.ToLower(strings.TrimSpace(n)) {
		case "":
		case DefaultSet:
			defaults = true
		case AllAnalyzers:
			every = true
		default:
			named = append(named, n)
		}
	}
	if len(named) == 0 && !every {
		defaults = true
	}
	on, err := nameSet(all, "enable", named)
	if err != nil {
		return nil, err
	}
	off, err := nameSet(all, "disable", disable)
	if err != nil {
		return nil, err
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		if (every || on[a] || defaults && !OptIn(a)) && !off[a] {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoneSelected
	}
	return out, nil
}

// ErrNoneSelected is the error of Select when enable and disable leave no
// analyzer to run.
var ErrNoneSelected = errors.New("enable and disable leave no analyzer to run")

// An UnknownAnalyzerError is a name in an enable or disable list that is no
// analyzer.
type UnknownAnalyzerError struct {
	Name  string   // as given, spaces trimmed
	List  string   // "enable" or "disable"; callers may respell it ("-enable")
	Known []string // the names of the analyzers, in order
}

func (e *UnknownAnalyzerError) Error() string {
	return fmt.Sprintf("unknown analyzer %q in %s; valid analyzers: %s", e.Name, e.List, strings.Join(e.Known, ", "))
}

// Lookup returns the analyzer of all with the name, regardless of case, as
// Select matches names, or nil.
func Lookup(all []*analysis.Analyzer, name string) *analysis.Analyzer {
	name = strings.TrimSpace(name)
	for _, a := range all {
		if strings.EqualFold(a.Name, name) {
			return a
		}
	}
	return nil
}

func nameSet(all []*analysis.Analyzer, list string, names []string) (map[*analysis.Analyzer]bool, error) {
	set := map[*analysis.Analyzer]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		a := Lookup(all, n)
		if a == nil {
			known := make([]string, len(all))
			for i, a := range all {
				known[i] = a.Name
			}
			return nil, &UnknownAnalyzerError{Name: n, List: list, Known: known}
		}
		set[a] = true
	}
	return set, nil
}
