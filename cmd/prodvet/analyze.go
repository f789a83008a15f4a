package main

import (
	"fmt"
	"io"
	"os"

	"github.com/prodvet/prodvet/internal/driver"
)

// A finding is one diagnostic of one analyzer, with its positions resolved.
type finding = driver.Finding

func analyze(cfg *config, stdout, stderr io.Writer) int {
	if cfg.dir != "" {
		if err := os.Chdir(cfg.dir); err != nil {
			fmt.Fprintf(stderr, "prodvet: -C: %v\n", err)
			return exitError
		}
	}
	pkgs, err := driver.Load(driver.Config{Tests: cfg.tests}, cfg.analyzers, cfg.patterns)
	if err != nil {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
		return exitError
	}
	if msgs := driver.LoadErrors(pkgs); len(msgs) > 0 {
		fmt.Fprintf(stderr, "prodvet: cannot analyze: packages have errors:\n")
		for _, m := range msgs {
			fmt.Fprintf(stderr, "  %s\n", m)
		}
		return exitError
	}
	graph, err := driver.Analyze(cfg.analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
		return exitError
	}
	findings, errs := driver.Collect(graph)
	for _, err := range errs {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
	}
	failed := len(errs) > 0

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

// relPath makes a file name, or a "file:line:col" position, relative to the
// working directory when it lies beneath it.
func relPath(name string) string { return driver.RelPath(name) }

func printText(w io.Writer, findings []finding) {
	for _, f := range findings {
		fmt.Fprintf(w, "%s:%d:%d: %s (%s)\n", relPath(f.Start.Filename), f.Start.Line, f.Start.Column, f.Diag.Message, f.Analyzer.Name)
	}
}
