// Command prodvet runs prodvet's analyzers on Go packages.
//
//	prodvet [flags] [packages]     analyze packages (default ./...)
//	prodvet list                   list the analyzers
//	prodvet help [NAME]            print usage, or an analyzer's documentation
//
// It is also a go vet tool: go vet -vettool=$(command -v prodvet) ./...
//
// Exit codes: 0 no findings, 1 findings, 2 usage error, packages that fail
// to load or type-check, or an internal error.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/prodvet/prodvet/analyzers"
)

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	if vetProtocol(os.Args[1:]) {
		// go vet drives the tool one package at a time through a .cfg file,
		// with its own build and vet caches.
		os.Args = append(os.Args[:1], vetArgs(analyzers.Suite(), os.Args[1:])...)
		unitchecker.Main(analyzers.Suite()...)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// vetArgs keeps the opt-in analyzers off under go vet, as in the CLI: unless
// the command line turns some analyzer on by name (-ctxprop, -errwrap=true),
// when unitchecker runs only those, each opt-in analyzer gets -NAME=false.
// The flags go first: a .cfg file ends the flags.
func vetArgs(suite []*analysis.Analyzer, args []string) []string {
	for _, a := range args {
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || analyzers.Lookup(suite, name) == nil || strings.Contains(name, ".") {
			continue
		}
		if on, err := strconv.ParseBool(val); !hasVal || err == nil && on {
			return args
		}
	}
	var off []string
	for _, a := range suite {
		if analyzers.OptIn(a) {
			off = append(off, "-"+a.Name+"=false")
		}
	}
	return append(off, args...)
}

// vetProtocol reports whether the go command is invoking prodvet as a vet
// tool: it asks for the version (-V=full), the flags (-flags), or passes a
// single .cfg file describing a package.
func vetProtocol(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// run executes a standalone command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return list(args[1:], stdout, stderr)
		case "help":
			return help(args[1:], stdout, stderr)
		}
	}
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if err == errHelp {
			return exitClean
		}
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
		return exitError
	}
	return analyze(cfg, stdout, stderr)
}
