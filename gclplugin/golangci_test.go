package gclplugin_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/testutil"
)

const golangciConfig = `version: "2"
linters:
  default: none
  enable: [prodvet]
  settings:
    custom:
      prodvet:
        type: module
        description: production anti-patterns
        settings:
          enable: [all]
          httptimeout:
            client-timeout: 10s
`

// TestGolangciLint builds golangci-lint with the plugin from the module
// proxy (gclplugin/custom-gcl) and runs it on a copy of the demo module.
func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint")
	}
	testdata := testutil.TestData(t)
	repo := filepath.Dir(testdata)
	bin := filepath.Join(t.TempDir(), "custom-gcl")
	start := time.Now()
	build := exec.Command("go", "build", "-ldflags", "-X main.version=2.15.0 -X main.date=test", "-o", bin, ".")
	build.Dir = filepath.Join(repo, "gclplugin", "custom-gcl")
	build.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building custom-gcl: %v\n%s", err, out)
	}
	t.Logf("built custom-gcl in %s", time.Since(start).Round(time.Second))

	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(testdata, "demo"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(golangciConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	// Each run gets its own TMPDIR: golangci-lint takes a lock there and
	// gives up after five seconds while another golangci-lint (another
	// test, another checkout) holds it. --allow-parallel-runners says the
	// same for runs that share one anyway.
	run := func(args ...string) (string, int) {
		t.Helper()
		if len(args) > 0 && args[0] == "run" {
			args = append([]string{"run", "--allow-parallel-runners"}, args[1:]...)
		}
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+filepath.Join(dir, ".cache"), "GOWORK=off", "TMPDIR="+t.TempDir())
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if out, code := run("--version"); code != 0 || !strings.Contains(out, "version 2.15.0") {
		t.Errorf("--version: exit %d\n%s", code, out)
	}

	// The command line VS Code's Go extension runs for golangci-lint v2.
	out, code := run("run", "--issues-exit-code=0", "--output.text.print-issued-lines=false",
		"--show-stats=false", "--output.text.path=stdout", "--path-mode=abs", "./...")
	if code != 0 {
		t.Fatalf("golangci-lint run: exit %d\n%s", code, out)
	}
	for _, a := range analyzers.Suite() {
		if !strings.Contains(out, ": "+a.Name+": ") {
			t.Errorf("no %s finding (prefixed with its name) in:\n%s", a.Name, out)
		}
	}
	if !strings.Contains(out, "for example 10 * time.Second") {
		t.Errorf("the client-timeout setting did not reach the analyzer:\n%s", out)
	}

	// //nolint:prodvet silences a finding, and only that one: the same
	// run, which must succeed, still reports the client of that file.
	upstream := filepath.Join(dir, "upstream", "upstream.go")
	const get = `resp, err := http.Get(c.base + "/healthz")`
	src := read(upstream)
	if !strings.Contains(src, get) {
		t.Fatalf("the demo no longer has %s in %s", get, upstream)
	}
	write(upstream, strings.Replace(src, get, get+` //nolint:prodvet // the sidecar answers at once`, 1))
	out, code = run("run", "--issues-exit-code=0", "--show-stats=false", "./...")
	if code != 0 || !strings.Contains(out, "http.Client without Timeout") {
		t.Fatalf("golangci-lint run with //nolint:prodvet: exit %d, want 0 with the client finding:\n%s", code, out)
	}
	if strings.Contains(out, "http.Get uses") {
		t.Errorf("//nolint:prodvet did not silence http.Get:\n%s", out)
	}

	// SARIF output.
	sarif := filepath.Join(dir, "out.sarif")
	if out, code := run("run", "--issues-exit-code=0", "--output.sarif.path="+sarif, "./..."); code != 0 {
		t.Errorf("SARIF run: exit %d\n%s", code, out)
	}
	if b := read(sarif); !strings.Contains(b, "httptimeout") {
		t.Errorf("SARIF output has no httptimeout result:\n%s", b)
	}

	// --fix applies prodvet's suggested fixes.
	if out, code := run("run", "--fix", "--issues-exit-code=0", "./..."); code != 0 {
		t.Errorf("--fix run: exit %d\n%s", code, out)
	}
	if b := read(upstream); !strings.Contains(b, "Timeout: 10 * time.Second") {
		t.Errorf("--fix did not add the client timeout:\n%s", b)
	}

	// A bad setting fails with prodvet's message.
	write(filepath.Join(dir, ".golangci.yml"), strings.Replace(golangciConfig, "client-timeout: 10s", "nosuch: 1", 1))
	out, code = run("run", "./...")
	if code == 0 || !strings.Contains(out, `unknown option "nosuch" for analyzer httptimeout`) {
		t.Errorf("bad setting: exit %d\n%s", code, out)
	}
}
