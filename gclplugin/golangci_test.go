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
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+filepath.Join(dir, ".cache"), "GOWORK=off")
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}

	if out, _ := run("--version"); !strings.Contains(out, "version 2.15.0") {
		t.Errorf("--version: %s", out)
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

	// //nolint:prodvet silences a finding.
	upstream := filepath.Join(dir, "upstream", "upstream.go")
	src, _ := os.ReadFile(upstream)
	os.WriteFile(upstream, []byte(strings.Replace(string(src), `resp, err := http.Get(c.base + "/healthz")`,
		`resp, err := http.Get(c.base + "/healthz") //nolint:prodvet // the sidecar answers at once`, 1)), 0o644)
	out, _ = run("run", "--issues-exit-code=0", "--show-stats=false", "./...")
	if strings.Contains(out, "http.Get uses") {
		t.Errorf("//nolint:prodvet did not silence http.Get:\n%s", out)
	}

	// SARIF output.
	sarif := filepath.Join(dir, "out.sarif")
	run("run", "--issues-exit-code=0", "--output.sarif.path="+sarif, "./...")
	if b, err := os.ReadFile(sarif); err != nil || !strings.Contains(string(b), "httptimeout") {
		t.Errorf("SARIF output: %v\n%s", err, b)
	}

	// --fix applies prodvet's suggested fixes.
	run("run", "--fix", "--issues-exit-code=0", "./...")
	if b, _ := os.ReadFile(upstream); !strings.Contains(string(b), "Timeout: 10 * time.Second") {
		t.Errorf("--fix did not add the client timeout:\n%s", b)
	}

	// A bad setting fails with prodvet's message.
	os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(strings.Replace(golangciConfig, "client-timeout: 10s", "nosuch: 1", 1)), 0o644)
	out, code = run("run", "./...")
	if code == 0 || !strings.Contains(out, `unknown option "nosuch" for analyzer httptimeout`) {
		t.Errorf("bad setting: exit %d\n%s", code, out)
	}
}
