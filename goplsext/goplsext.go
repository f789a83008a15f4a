// Package goplsext is what a gopls built by cmd/prodvet-gopls compiles in:
// prodvet's analyzers, with their options, for gopls's analyzer list.
//
// gopls cannot load plugins, so cmd/prodvet-gopls adds one file to a copy
// of gopls's internal/settings package that calls Analyzers at start-up
// and appends the result to gopls's own list. Everything else is here, so
// the added file stays small and the logic is tested with prodvet.
//
// gopls has no per-analyzer option settings. Options therefore come from
// the environment variable PRODVET_FLAGS, in the CLI's syntax:
//
//	PRODVET_FLAGS='-errwrap.causes=tested -httptimeout.client-timeout=10s'
//
// Turning an analyzer on or off is gopls's own setting:
// "analyses": {"selectspin": false, "ctxprop": true}.
package goplsext

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers"
)

// FlagsEnv is the environment variable that carries analyzer options.
const FlagsEnv = "PRODVET_FLAGS"

// Analyzer is one prodvet analyzer as gopls lists it.
type Analyzer struct {
	*analysis.Analyzer
	// OptIn analyzers are off unless "analyses" turns them on, as they are
	// left out of prodvet's default set (analyzers.OptIn).
	OptIn bool
}

// Analyzers returns prodvet's analyzers with the options of PRODVET_FLAGS
// set. gopls is the names of the analyzers gopls already has: a prodvet
// analyzer of the same name would make "analyses" settings ambiguous, so it
// is an error, as is a bad option.
func Analyzers(gopls []string) ([]Analyzer, error) {
	return analyzersWith(gopls, os.Getenv(FlagsEnv))
}

func analyzersWith(gopls []string, flags string) ([]Analyzer, error) {
	suite := analyzers.Suite()
	if err := checkNames(gopls, suite); err != nil {
		return nil, err
	}
	if err := setOptions(suite, flags); err != nil {
		return nil, fmt.Errorf("%s: %w", FlagsEnv, err)
	}
	out := make([]Analyzer, len(suite))
	for i, a := range suite {
		out[i] = Analyzer{Analyzer: a, OptIn: analyzers.OptIn(a)}
	}
	return out, nil
}

func checkNames(gopls []string, suite []*analysis.Analyzer) error {
	have := map[string]bool{}
	for _, n := range gopls {
		have[n] = true
	}
	var clash []string
	for _, a := range suite {
		if have[a.Name] {
			clash = append(clash, a.Name)
		}
	}
	if len(clash) > 0 {
		return fmt.Errorf("gopls already has an analyzer named %s: this gopls version cannot include prodvet's analyzers of that name", strings.Join(clash, ", "))
	}
	return nil
}

// setOptions parses flags as the CLI parses -NAME.OPTION flags.
func setOptions(suite []*analysis.Analyzer, flags string) error {
	fs := flag.NewFlagSet(FlagsEnv, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var valid []string
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
			valid = append(valid, "-"+a.Name+"."+f.Name)
		})
	}
	err := fs.Parse(strings.Fields(flags))
	if errors.Is(err, flag.ErrHelp) {
		err = errors.New("-help is no option")
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("%q is no option: options are -NAME.OPTION[=VALUE]; to turn analyzers on or off use gopls's \"analyses\" setting", fs.Arg(0))
	}
	if err != nil {
		return fmt.Errorf("%w; valid options: %s", err, strings.Join(valid, " "))
	}
	return nil
}
