package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/prodvet/prodvet/internal/driver"
	"github.com/prodvet/prodvet/internal/runner"
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
	rcfg := &runner.Config{Tests: cfg.tests, Patterns: cfg.patterns, Analyzers: cfg.analyzers, Warnings: stderr}
	if cfg.cache {
		rcfg.Cache, rcfg.Salt = openCache(stderr)
	}
	res, err := runner.Run(rcfg)
	if err != nil {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
		return exitError
	}
	if rcfg.Cache != nil {
		_ = rcfg.Cache.Trim() // best effort: a cache that cannot be trimmed still works
	}
	// Packages with errors, and those that import them, are skipped and
	// listed; the rest are analyzed as usual, and the exit status still
	// says that something did not build.
	loadErrors := res.LoadErrors
	reportSkipped(stderr, loadErrors, res.Skipped)
	findings := res.Findings
	for _, err := range res.Failures {
		fmt.Fprintf(stderr, "prodvet: %v\n", err)
	}
	failed := len(loadErrors) > 0 || len(res.Skipped) > 0 || len(res.Failures) > 0

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
		err = printSARIF(stdout, cfg.analyzers, findings, loadErrors)
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

// reportSkipped lists on stderr the errors of the packages that were not
// analyzed, then each package skipped only because it imports one of them.
func reportSkipped(stderr io.Writer, loadErrors []string, skipped []runner.Skipped) {
	if len(loadErrors) == 0 && len(skipped) == 0 {
		return
	}
	fmt.Fprintf(stderr, "prodvet: packages with errors, and the packages that import them, were not analyzed:\n")
	for _, m := range loadErrors {
		fmt.Fprintf(stderr, "  %s\n", m)
	}
	seen := map[string]bool{}
	for _, s := range skipped {
		if s.Broken == s.PkgPath || seen[s.PkgPath] || strings.HasSuffix(s.ID, ".test") {
			continue // its own errors are listed above; "p" and "p [p.test]" once; not the generated test main
		}
		seen[s.PkgPath] = true
		fmt.Fprintf(stderr, "  %s: not analyzed: imports %s, which has errors\n", s.PkgPath, s.Broken)
	}
}

// openCache opens the persistent cache, and returns with it the salt of
// this build of prodvet: a new build never reads an older one's results.
// A cache that cannot be opened costs only speed: the run goes on without.
func openCache(stderr io.Writer) (*runner.Cache, []byte) {
	dir, err := runner.DefaultCacheDir()
	var c *runner.Cache
	if err == nil {
		c, err = runner.OpenCache(dir)
	}
	var salt []byte
	if err == nil {
		salt, err = runner.ExecutableSalt()
	}
	if err != nil {
		fmt.Fprintf(stderr, "prodvet: warning: running without a cache: %v\n", err)
		return nil, nil
	}
	return c, salt
}

// relPath makes a file name, or a "file:line:col" position, relative to the
// working directory when it lies beneath it.
func relPath(name string) string { return driver.RelPath(name) }

func printText(w io.Writer, findings []finding) {
	for _, f := range findings {
		fmt.Fprintf(w, "%s:%d:%d: %s (%s)\n", relPath(f.Start.Filename), f.Start.Line, f.Start.Column, f.Message, f.Analyzer.Name)
	}
}
