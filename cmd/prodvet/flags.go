package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/analyzerdoc"
)

var errHelp = errors.New("help requested")

// config is a parsed standalone command line.
type config struct {
	dir       string
	jsonOut   bool
	sarifOut  bool
	fix       bool
	diff      bool
	tests     bool
	cache     bool
	analyzers []*analysis.Analyzer
	patterns  []string
}

const usage = `usage: prodvet [flags] [packages]    (default ./...)
       prodvet list                    list the analyzers
       prodvet help [analyzer]         print an analyzer's documentation

As a go vet tool: go vet -vettool=$(command -v prodvet) [packages]

Exit codes: 0 no findings, 1 findings, 2 usage error or packages that fail to load.
Silence one finding with //nolint:prodvet or //nolint:<analyzer> on its line.

Flags:
`

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	suite := analyzers.Suite()
	cfg := &config{}
	var enable, disable string
	fs := flag.NewFlagSet("prodvet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.dir, "C", "", "run as if prodvet were started in `dir`")
	fs.BoolVar(&cfg.jsonOut, "json", false, "print findings as JSON, in the shape go vet -json prints")
	fs.BoolVar(&cfg.sarifOut, "sarif", false, "print findings as SARIF 2.1.0 (for GitHub code scanning)")
	fs.BoolVar(&cfg.fix, "fix", false, "apply suggested fixes to the files")
	fs.BoolVar(&cfg.diff, "diff", false, "print suggested fixes as a unified diff; write nothing")
	fs.BoolVar(&cfg.tests, "test", true, "analyze test files too")
	fs.BoolVar(&cfg.cache, "cache", true, "keep each package's results in $PRODVET_CACHE (default: prodvet in the user cache directory) and reuse them while nothing they depend on changes")
	fs.StringVar(&enable, "enable", "", "run only these analyzers (comma-separated `names`; \"default\" is the default set, \"all\" every analyzer: -enable default,ctxprop adds an opt-in one)")
	fs.StringVar(&disable, "disable", "", "do not run these analyzers (comma-separated `names`)")
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errHelp
		}
		return nil, err // the flag package has printed the problem and usage
	}
	outputs := 0
	for _, on := range []bool{cfg.jsonOut, cfg.sarifOut, cfg.fix, cfg.diff} {
		if on {
			outputs++
		}
	}
	if outputs > 1 {
		return nil, errors.New("-json, -sarif, -fix and -diff exclude one another")
	}
	selected, err := selectAnalyzers(suite, enable, disable)
	if err != nil {
		return nil, err
	}
	cfg.analyzers = selected
	cfg.patterns = fs.Args()
	if len(cfg.patterns) == 0 {
		cfg.patterns = []string{"./..."}
	}
	return cfg, nil
}

// selectAnalyzers applies -enable and -disable to the suite, by the rule
// of analyzers.Select (which the golangci-lint plugin follows too).
func selectAnalyzers(suite []*analysis.Analyzer, enable, disable string) ([]*analysis.Analyzer, error) {
	selected, err := analyzers.Select(suite, strings.Split(enable, ","), strings.Split(disable, ","))
	if u, ok := errors.AsType[*analyzers.UnknownAnalyzerError](err); ok {
		u.List = "-" + u.List
		return nil, u
	}
	if errors.Is(err, analyzers.ErrNoneSelected) {
		return nil, errors.New("-enable and -disable leave no analyzer to run")
	}
	return selected, err
}

func list(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "prodvet: list takes no arguments")
		return exitError
	}
	for _, a := range analyzers.Suite() {
		summary := analyzerdoc.Summary(a.Doc)
		if analyzers.OptIn(a) {
			summary += " [opt-in: -enable default," + a.Name + "]"
		}
		fmt.Fprintf(stdout, "%-14s %s\n", a.Name, summary)
	}
	return exitClean
}

func help(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		_, _ = parseFlags([]string{"-h"}, stdout) // prints the usage
		return exitClean
	}
	if len(args) > 1 {
		fmt.Fprintln(stderr, "prodvet: help takes one analyzer name")
		return exitError
	}
	suite := analyzers.Suite()
	if a := analyzers.Lookup(suite, args[0]); a != nil {
		fmt.Fprintf(stdout, "%s: %s\n", a.Name, a.Doc)
		fmt.Fprintf(stdout, "\nDocumentation: %s\n", a.URL)
		return exitClean
	}
	var names []string
	for _, a := range suite {
		names = append(names, a.Name)
	}
	fmt.Fprintf(stderr, "prodvet: unknown analyzer %q; valid analyzers: %s\n", args[0], strings.Join(names, ", "))
	return exitError
}
