package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/testutil"
)

// The test binary doubles as prodvet: with PRODVET_RUN_MAIN set it runs
// main, so the tests exercise the real command, including the go vet tool
// protocol, without a separate build.
//
// Every run shares one cache of the test binary's own ($PRODVET_CACHE),
// never the user's.
func TestMain(m *testing.M) {
	if os.Getenv("PRODVET_RUN_MAIN") == "1" {
		main()
		return
	}
	dir, err := os.MkdirTemp("", "prodvet-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("PRODVET_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// prodvet runs the command in dir with args.
// prodvet runs the command with every analyzer (-enable=all, unless args
// choose analyzers themselves): most tests exercise the driver on fixtures
// of opt-in analyzers too. prodvetDefault runs it as a user would.
func prodvet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if len(args) == 0 || args[0] != "list" && args[0] != "help" && !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "-enable") }) {
		args = append([]string{"-enable=all"}, args...)
	}
	return prodvetDefault(t, dir, args...)
}

func prodvetDefault(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return prodvetEnv(t, dir, nil, args...)
}

// prodvetEnv runs the command with env added to the test's environment.
func prodvetEnv(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "PRODVET_RUN_MAIN=1"), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// copyModule copies a testdata module into a temporary directory, for
// commands that write files.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join(testutil.TestData(t), name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestDemo(t *testing.T) {
	repo := filepath.Dir(testutil.TestData(t))
	r := prodvet(t, repo, "-C", "testdata/demo", "./...")
	if r.code != exitFindings {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", r.code, exitFindings, r.stderr)
	}
	// Without -enable, the README's command: the default set, and no
	// finding of an opt-in analyzer.
	def := prodvetDefault(t, repo, "-C", "testdata/demo", "./...")
	for _, a := range analyzers.Suite() {
		if has := strings.Contains(def.stdout, "("+a.Name+")\n"); has == analyzers.OptIn(a) {
			t.Errorf("default run: finding of %s: %v, want %v:\n%s", a.Name, has, !analyzers.OptIn(a), def.stdout)
		}
	}
	line := regexp.MustCompile(`^[^/][^:]*\.go:\d+:\d+: .+ \([a-z]+\)$`)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	// The demo shows every analyzer of the suite.
	for _, a := range analyzers.Suite() {
		if !strings.Contains(r.stdout, "("+a.Name+")\n") {
			t.Errorf("the demo has no finding of %s:\n%s", a.Name, r.stdout)
		}
	}
	for _, l := range lines {
		if !line.MatchString(l) {
			t.Errorf("finding not in the form relative/path.go:line:col: message (analyzer): %q", l)
		}
	}
	if again := prodvet(t, repo, "-C", "testdata/demo", "./..."); again.stdout != r.stdout {
		t.Errorf("output differs between two runs:\n%s\n---\n%s", r.stdout, again.stdout)
	}
}

func TestTextOutput(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	r := prodvet(t, dir, "./findings")
	want := "findings/findings.go:7:48: http.Client without Timeout"
	if !strings.HasPrefix(r.stdout, want) {
		t.Errorf("first finding: got\n%s\nwant prefix %q", r.stdout, want)
	}
	if n := strings.Count(r.stdout, "http.Get uses"); n != 1 {
		t.Errorf("%d http.Get findings, want 1 (the second is under //nolint:prodvet):\n%s", n, r.stdout)
	}
	if r.code != exitFindings {
		t.Errorf("exit code %d, want %d", r.code, exitFindings)
	}
}

func TestClean(t *testing.T) {
	r := prodvet(t, filepath.Join(testutil.TestData(t), "clitest"), "./clean")
	if r.code != exitClean || r.stdout != "" {
		t.Errorf("clean package: exit %d, output %q; want 0 and nothing", r.code, r.stdout)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	r := prodvet(t, dir, "./broken")
	if r.code != exitError {
		t.Errorf("type error: exit code %d, want %d", r.code, exitError)
	}
	if !strings.Contains(r.stderr, "broken/broken.go:3:23: undefined: undefined") {
		t.Errorf("stderr does not name the error clearly:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("a package that does not type-check must not be analyzed; stdout:\n%s", r.stdout)
	}

	// -test=false leaves the broken test file out.
	if r := prodvet(t, dir, "./testbroken"); r.code != exitError {
		t.Errorf("with tests: exit code %d, want %d", r.code, exitError)
	}
	if r := prodvet(t, dir, "-test=false", "./testbroken"); r.code != exitFindings {
		t.Errorf("-test=false: exit code %d, want %d; stderr:\n%s", r.code, exitFindings, r.stderr)
	}

	if r := prodvet(t, dir, "./nosuchdir/..."); r.code != exitError {
		t.Errorf("pattern matching nothing: exit code %d, want %d", r.code, exitError)
	}
}

// TestBrokenPackageHidesNothing checks that one package that does not
// type-check costs only itself and its importers: the healthy package's
// findings are those of a run without the broken one, in every output
// format, and the exit status still says that something did not build.
func TestBrokenPackageHidesNothing(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	for _, format := range [][]string{nil, {"-json"}, {"-sarif"}} {
		name := strings.Join(append([]string{"text"}, format...), " ")
		alone := prodvet(t, dir, append(format, "./findings")...)
		mixed := prodvet(t, dir, append(format, "./broken", "./findings", "./usesbroken")...)
		if alone.code != exitFindings || mixed.code != exitError {
			t.Fatalf("%s: exit codes %d alone and %d with a broken package, want %d and %d\n%s",
				name, alone.code, mixed.code, exitFindings, exitError, mixed.stderr)
		}
		for _, want := range []string{
			"broken/broken.go:3:23: undefined: undefined",
			"example.com/clitest/usesbroken: not analyzed: imports example.com/clitest/broken, which has errors",
		} {
			if !strings.Contains(mixed.stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", name, want, mixed.stderr)
			}
		}
		got, want := mixed.stdout, alone.stdout
		if format != nil && format[0] == "-sarif" {
			var alog, mlog struct {
				Runs []struct {
					Invocations []struct {
						ExecutionSuccessful        bool
						ToolExecutionNotifications []struct {
							Level   string
							Message struct{ Text string }
						}
					}
					Results json.RawMessage
				}
			}
			if err := json.Unmarshal([]byte(alone.stdout), &alog); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(mixed.stdout), &mlog); err != nil {
				t.Fatal(err)
			}
			inv := mlog.Runs[0].Invocations[0]
			if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
				inv.ToolExecutionNotifications[0].Level != "error" || inv.ToolExecutionNotifications[0].Message.Text != "undefined: undefined" {
				t.Errorf("SARIF invocation does not carry the load error as a notification: %+v", inv)
			}
			if !alog.Runs[0].Invocations[0].ExecutionSuccessful {
				t.Error("SARIF: a clean load is not executionSuccessful")
			}
			got, want = string(mlog.Runs[0].Results), string(alog.Runs[0].Results)
		}
		if got != want || !strings.Contains(want, "without Timeout") {
			t.Errorf("%s: findings with a broken package differ from a run without it:\n%s\n---\n%s", name, got, want)
		}
	}

	// -fix edits the healthy package and never the broken one.
	dir = copyModule(t, "clitest")
	brokenFile := filepath.Join(dir, "broken", "broken.go")
	brokenSrc := "package broken\n\nimport \"net/http\"\n\nvar c = &http.Client{}\n\nfunc f() int { return undefined }\n"
	if err := os.WriteFile(brokenFile, []byte(brokenSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	r := prodvet(t, dir, "-fix", "./broken", "./findings")
	if r.code != exitError {
		t.Errorf("-fix with a broken package: exit %d, want %d\n%s", r.code, exitError, r.stderr)
	}
	if b, err := os.ReadFile(brokenFile); err != nil || string(b) != brokenSrc {
		t.Errorf("-fix edited the package that does not type-check:\n%s", b)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "findings", "findings.go")); err != nil || !strings.Contains(string(b), "Timeout: 30 * time.Second") {
		t.Errorf("-fix did not fix the healthy package:\n%s", b)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	for _, args := range [][]string{
		{"-enable", "nosuch", "./clean"},
		{"-disable", "httptimeout,nosuch", "./clean"},
		{"-nosuchflag"},
		{"-json", "-sarif", "./clean"},
		{"-httptimeout.client-timeout=notaduration"},
		{"help", "nosuch"},
		{"-C", "/nonexistent/dir"},
	} {
		r := prodvet(t, dir, args...)
		if r.code != exitError {
			t.Errorf("prodvet %v: exit code %d, want %d", args, r.code, exitError)
		}
		if r.stderr == "" {
			t.Errorf("prodvet %v: no error message", args)
		}
	}
	r := prodvet(t, dir, "-enable", "nosuch")
	if !strings.Contains(r.stderr, `unknown analyzer "nosuch" in -enable; valid analyzers: httptimeout, ctxprop,`) {
		t.Errorf("unknown analyzer message does not list the valid ones:\n%s", r.stderr)
	}
}

func TestEnableDisable(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	var all []string
	for _, a := range analyzers.Suite() {
		all = append(all, a.Name)
	}
	if r := prodvet(t, dir, "-disable", strings.Join(all, ","), "./findings"); r.code != exitError || !strings.Contains(r.stderr, "no analyzer") {
		t.Errorf("disabling every analyzer: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := prodvet(t, dir, "-disable", "httptimeout", "./findings"); r.code != exitClean || r.stdout != "" {
		t.Errorf("-disable httptimeout: exit %d, output %q; want 0 and nothing", r.code, r.stdout)
	}
	if r := prodvet(t, dir, "-enable", "httptimeout", "./findings"); r.code != exitFindings {
		t.Errorf("-enable httptimeout: exit %d, want %d", r.code, exitFindings)
	}
	// Names follow analyzers.Select, as the plugin's do: any case, disable wins.
	if r := prodvet(t, dir, "-enable", "HTTPTimeout,errwrap", "./findings"); r.code != exitFindings || !strings.Contains(r.stdout, "(httptimeout)") {
		t.Errorf("-enable HTTPTimeout,errwrap: exit %d, want %d; stdout %q, stderr %q", r.code, exitFindings, r.stdout, r.stderr)
	}
	if r := prodvet(t, dir, "-enable", "httptimeout,errwrap", "-disable", "HTTPTIMEOUT", "./findings"); r.code != exitClean || r.stdout != "" {
		t.Errorf("-enable httptimeout,errwrap -disable HTTPTIMEOUT: exit %d, output %q; want 0 and nothing", r.code, r.stdout)
	}
}

func TestListAndHelp(t *testing.T) {
	r := prodvet(t, ".", "list")
	if r.code != exitClean || !regexp.MustCompile(`(?m)^httptimeout +report HTTP clients`).MatchString(r.stdout) {
		t.Errorf("list: exit %d, output:\n%s", r.code, r.stdout)
	}
	r = prodvet(t, ".", "help", "httptimeout")
	if r.code != exitClean || !strings.Contains(r.stdout, "slowloris") || !strings.Contains(r.stdout, "docs/httptimeout.md") {
		t.Errorf("help httptimeout: exit %d, output:\n%s", r.code, r.stdout)
	}
	r = prodvet(t, ".", "help")
	if r.code != exitClean || !strings.Contains(r.stdout, "-enable") {
		t.Errorf("help: exit %d, output:\n%s", r.code, r.stdout)
	}
}

func TestJSON(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	r := prodvet(t, dir, "-json", "./findings")
	var tree map[string]map[string][]jsonDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("not go vet -json output: %v\n%s", err, r.stdout)
	}
	diags := tree["example.com/clitest/findings"]["httptimeout"]
	if len(diags) != 3 {
		t.Fatalf("got %d diagnostics, want 3:\n%s", len(diags), r.stdout)
	}
	d := diags[0]
	if d.Category != "client-timeout" || !strings.HasSuffix(d.Posn, "findings.go:7:48") || !strings.HasSuffix(d.End, "findings.go:7:60") {
		t.Errorf("first diagnostic: %+v", d)
	}
	if len(d.SuggestedFixes) != 1 || len(d.SuggestedFixes[0].Edits) == 0 {
		t.Errorf("first diagnostic has no suggested fix: %+v", d)
	}
	if r.code != exitFindings {
		t.Errorf("exit code %d, want %d", r.code, exitFindings)
	}
}

func TestSARIF(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "clitest")
	r := prodvet(t, dir, "-sarif", "./findings")
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID               string            `json:"id"`
						ShortDescription map[string]string `json:"shortDescription"`
						FullDescription  map[string]string `json:"fullDescription"`
						HelpURI          string            `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fixes               []json.RawMessage `json:"fixes"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, r.stdout)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	rule := run.Tool.Driver.Rules[0]
	if rule.ID != "httptimeout" || rule.ShortDescription["text"] == "" || rule.FullDescription["text"] == "" || !strings.HasSuffix(rule.HelpURI, "docs/httptimeout.md") {
		t.Errorf("rule: %+v", rule)
	}
	if run.ColumnKind != "utf16CodeUnits" || len(run.Results) != 3 {
		t.Fatalf("columnKind %q, %d results", run.ColumnKind, len(run.Results))
	}
	first := run.Results[0]
	loc := first.Locations[0].PhysicalLocation
	// Byte column 48 on a line with é (2 bytes), 世界 (3 bytes each) and
	// 😀 (4 bytes, 2 UTF-16 units): 48 - 1 - 4 - 2 = 41; the end, 60, is 53.
	if loc.ArtifactLocation.URI != "findings/findings.go" || loc.Region.StartLine != 7 || loc.Region.StartColumn != 41 || loc.Region.EndColumn != 53 {
		t.Errorf("location: %+v", loc)
	}
	if len(first.Fixes) != 1 {
		t.Errorf("the client finding has %d fixes in SARIF, want 1", len(first.Fixes))
	}
	seen := map[string]bool{}
	for _, res := range run.Results {
		fp := res.PartialFingerprints[fingerprintKey]
		if fp == "" || seen[fp] {
			t.Errorf("missing or duplicate fingerprint %q", fp)
		}
		seen[fp] = true
	}
	if again := prodvet(t, dir, "-sarif", "./findings"); again.stdout != r.stdout {
		t.Error("SARIF output differs between two runs")
	}
}

func TestFingerprintSurvivesLineShift(t *testing.T) {
	dir := copyModule(t, "clitest")
	fingerprints := func() string {
		r := prodvet(t, dir, "-sarif", "./findings")
		return strings.Join(regexp.MustCompile(`"prodvetFinding/v1": "[0-9a-f]+"`).FindAllString(r.stdout, -1), "\n")
	}
	before := fingerprints()
	file := filepath.Join(dir, "findings", "findings.go")
	src, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(src, []byte("package findings\n"), []byte("package findings\n\n// A new comment shifts every line.\n"), 1), 0o644)
	if after := fingerprints(); after != before || before == "" {
		t.Errorf("fingerprints changed when lines moved:\n%s\n---\n%s", before, after)
	}
}

func TestFixAndDiff(t *testing.T) {
	dir := copyModule(t, "demo")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	before := read("upstream/upstream.go")

	r := prodvet(t, dir, "-diff", "./...")
	if !strings.Contains(r.stdout, "+++ b/upstream/upstream.go") || !strings.Contains(r.stdout, "+\treturn &Catalogue{base: base, client: &http.Client{Timeout: 30 * time.Second}}") {
		t.Errorf("-diff output:\n%s", r.stdout)
	}
	if read("upstream/upstream.go") != before {
		t.Error("-diff wrote to a file")
	}

	r = prodvet(t, dir, "-fix", "./...")
	if r.code != exitFindings {
		t.Errorf("-fix: exit %d, want %d (http.Get has no fix)", r.code, exitFindings)
	}
	if strings.Contains(r.stdout, "without Timeout") || !strings.Contains(r.stdout, "http.Get uses") {
		t.Errorf("-fix must print only the findings it did not fix:\n%s", r.stdout)
	}
	after := read("upstream/upstream.go")
	if !strings.Contains(after, "Timeout: 30 * time.Second") || !strings.Contains(after, "\t\"time\"\n") {
		t.Errorf("fix not applied:\n%s", after)
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("fixed module does not build: %v\n%s", err, out)
	}
	if r := prodvet(t, dir, "-disable", "", "./..."); strings.Contains(r.stdout, "without Timeout") || strings.Contains(r.stdout, "without ReadHeaderTimeout") {
		t.Errorf("findings remain after -fix:\n%s", r.stdout)
	}
}

func TestVetTool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and vets a module")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Dir(testutil.TestData(t))
	standalone := prodvetDefault(t, repo, "-C", "testdata/demo", "./...")
	if standalone.code != exitFindings || strings.TrimSpace(standalone.stdout) == "" {
		t.Fatalf("standalone run: exit code %d, want %d with findings; stdout:\n%s\nstderr:\n%s", standalone.code, exitFindings, standalone.stdout, standalone.stderr)
	}

	cmd := exec.Command("go", "vet", "-vettool="+exe, "./...")
	cmd.Dir = filepath.Join(repo, "testdata", "demo")
	cmd.Env = append(os.Environ(), "PRODVET_RUN_MAIN=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet -vettool succeeded, want findings:\n%s", out)
	}
	// Every standalone finding appears in vet's output (vet omits the
	// analyzer name and may prefix paths with ./).
	for _, l := range strings.Split(strings.TrimSpace(standalone.stdout), "\n") {
		i := strings.LastIndex(l, " (")
		pos, text, ok := strings.Cut(l[:max(i, 0)], ": ")
		if i < 0 || !ok {
			t.Errorf("standalone finding not in the form file:line:col: message (analyzer): %q", l)
			continue
		}
		msg := pos + ": " + text
		if !strings.Contains(string(out), text) || !strings.Contains(string(out), pos) {
			t.Errorf("go vet output lacks %q:\n%s", msg, out)
		}
	}
}

func TestApplyFixesConflicts(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.go")
	src := "package x\n\nvar a, b = 1, 2\n"
	os.WriteFile(file, []byte(src), 0o644)
	// Three findings: the first two overlap, the third adds the same edit
	// as the first (a shared import, say) plus its own.
	mk := func(edits ...edit) finding { return syntheticFinding(t, file, edits) }
	findings := []finding{
		mk(edit{file, 22, 23, "10"}),
		mk(edit{file, 22, 26, "10, 20"}),
		mk(edit{file, 22, 23, "10"}, edit{file, 25, 26, "20"}),
	}
	var stdout, stderr bytes.Buffer
	remaining, err := applyFixes(findings, false, &stdout, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(file)
	if string(got) != "package x\n\nvar a, b = 10, 20\n" {
		t.Errorf("fixed file:\n%s", got)
	}
	if len(remaining) != 1 || !strings.Contains(stderr.String(), "skipped the fix") {
		t.Errorf("remaining %d, stderr %q; want the overlapping fix skipped and reported", len(remaining), stderr.String())
	}
}

// A file that imports "C" reaches analyzers as cgo's generated copy; its
// findings are the user's and are reported at the user's lines, but no fix
// is offered, since edits would land in the copy.
func TestCgo(t *testing.T) {
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is not enabled")
	}
	dir := filepath.Join(testutil.TestData(t), "clitest")
	r := prodvet(t, dir, "./cgo")
	if r.code != exitFindings {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", r.code, exitFindings, r.stderr)
	}
	for _, want := range []string{"cgo/cgo.go:10:15: http.Client without Timeout", "cgo/cgo.go:12:16: http.Get uses"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s\n%s", want, r.stdout, r.stderr)
		}
	}
	// The same findings, from a run that succeeded, and none with a fix.
	r = prodvet(t, dir, "-json", "./cgo")
	if r.code != exitFindings || !strings.Contains(r.stdout, "http.Client without Timeout") {
		t.Fatalf("-json: exit code %d, want %d with the client finding; stdout:\n%s\nstderr:\n%s", r.code, exitFindings, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, `"edits"`) {
		t.Errorf("a fix is offered in a cgo file:\n%s", r.stdout)
	}
}
