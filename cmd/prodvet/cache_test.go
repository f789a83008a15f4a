package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/driver"
	"github.com/prodvet/prodvet/internal/runner"
	"github.com/prodvet/prodvet/internal/testutil"
)

// TestCacheKeepsOutput runs the demo on an empty cache, again on the
// warm cache, and without a cache: every output format, fixes included,
// and the exit status are the same.
func TestCacheKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes the standard library from source four times")
	}
	dir := copyModule(t, "demo")
	env := []string{"PRODVET_CACHE=" + t.TempDir()}
	for _, format := range [][]string{nil, {"-json"}, {"-sarif"}, {"-diff"}} {
		args := append(slices.Clone(format), "./...")
		cold := prodvetEnv(t, dir, env, append([]string{"-enable=all"}, args...)...)
		warm := prodvetEnv(t, dir, env, append([]string{"-enable=all"}, args...)...)
		if cold.stdout == "" {
			t.Fatalf("%v: no output; stderr:\n%s", format, cold.stderr)
		}
		runs := map[string]result{"warm cache": warm}
		if len(format) == 1 && format[0] == "-json" { // the whole of each finding
			runs["no cache"] = prodvetEnv(t, dir, env, append([]string{"-enable=all", "-cache=false"}, args...)...)
		}
		for name, r := range runs {
			if r.stdout != cold.stdout || r.code != cold.code || r.stderr != cold.stderr {
				t.Errorf("%v, %s: exit %d, output\n%s\nstderr %s\nwant exit %d, output\n%s\nstderr %s",
					format, name, r.code, r.stdout, r.stderr, cold.code, cold.stdout, cold.stderr)
			}
		}
	}
	// An option is part of the key: the cached findings of the default
	// timeout are not those of another.
	opt := prodvetEnv(t, dir, env, "-enable=httptimeout", "-httptimeout.client-timeout=7s", "./...")
	if !bytes.Contains([]byte(opt.stdout), []byte("7 * time.Second")) {
		t.Errorf("a changed option was answered from the cache:\n%s", opt.stdout)
	}
}

// A cache that cannot be used costs speed, not findings.
func TestCacheUnusable(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	want := prodvet(t, dir, "-cache=false", "./findings")
	r := prodvetEnv(t, dir, []string{"PRODVET_CACHE=" + file}, "-enable=all", "./findings")
	if r.stdout != want.stdout || r.code != want.code {
		t.Errorf("with an unusable cache: exit %d, output\n%s\nwant exit %d, output\n%s", r.code, r.stdout, want.code, want.stdout)
	}
	if !bytes.Contains([]byte(r.stderr), []byte("prodvet: warning: running without a cache")) {
		t.Errorf("no warning for an unusable cache; stderr:\n%s", r.stderr)
	}
}

// TestRunnerMatchesChecker holds the command's driver to the analysis
// framework's: on the demo and the command's fixtures, with every
// analyzer, it finds what checker.Analyze finds on packages loaded whole
// from source, positions, fixes and related information included.
func TestRunnerMatchesChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the standard library from source twice")
	}
	data := testutil.TestData(t)
	for _, tc := range []struct{ dir, pattern string }{
		{filepath.Join(data, "demo"), "./..."},
		{filepath.Join(data, "clitest"), "./findings"},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			all, err := analyzers.Select(analyzers.Suite(), []string{analyzers.AllAnalyzers}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want, err := driver.Check(driver.Config{Dir: tc.dir, Tests: true}, all, []string{tc.pattern})
			if err != nil || len(want) == 0 {
				t.Fatalf("checker: %d findings, error %v", len(want), err)
			}
			res, err := runner.Run(&runner.Config{Dir: tc.dir, Tests: true, Patterns: []string{tc.pattern}, Analyzers: all})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Failures) > 0 || len(res.LoadErrors) > 0 {
				t.Fatalf("runner: failures %v, load errors %v", res.Failures, res.LoadErrors)
			}
			show := func(fs []driver.Finding) string {
				var b bytes.Buffer
				for _, f := range fs {
					fmt.Fprintf(&b, "%s %s %s %s %s %+v %+v\n", f.Analyzer.Name, f.Start, f.End, f.Category, f.Message, f.Fixes, f.Related)
				}
				return b.String()
			}
			if got, want := show(res.Findings), show(want); got != want {
				t.Errorf("runner findings:\n%s\nchecker findings:\n%s", got, want)
			}
		})
	}
}
