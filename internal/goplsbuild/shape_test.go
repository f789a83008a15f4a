package goplsbuild

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// settingsOK is the part of gopls's internal/settings the added file uses,
// as gopls v0.23.0 and v0.24.0 have it.
const settingsOK = `package settings

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/gopls/internal/protocol"
	"honnef.co/go/tools/analysis/lint"
)

var AllAnalyzers = initAnalyzers()

type Analyzer struct {
	analyzer    *analysis.Analyzer
	staticcheck *lint.RawDocumentation
	nonDefault  bool
	actionKinds []protocol.CodeActionKind
	severity    protocol.DiagnosticSeverity
	tags        []protocol.DiagnosticTag
}
`

func writeSettings(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckShape(t *testing.T) {
	if err := CheckShape(writeSettings(t, map[string]string{"analysis.go": settingsOK})); err != nil {
		t.Errorf("gopls's shape: %v", err)
	}
	// The list and the type may be in different files; tests are ignored.
	split := map[string]string{
		"a.go":      "package settings\n\nvar AllAnalyzers = initAnalyzers()\n",
		"b.go":      strings.Replace(settingsOK, "var AllAnalyzers = initAnalyzers()\n", "", 1),
		"b_test.go": "package settings\n\ntype Analyzer int\n",
	}
	if err := CheckShape(writeSettings(t, split)); err != nil {
		t.Errorf("split across files: %v", err)
	}
}

func TestCheckShapeChanged(t *testing.T) {
	for name, tc := range map[string]struct{ old, new, want string }{
		"no list":          {"var AllAnalyzers = initAnalyzers()", "func AllAnalyzers() []*Analyzer { return nil }", "no package-level var AllAnalyzers"},
		"list a const":     {"var AllAnalyzers = initAnalyzers()", "const AllAnalyzers = 0", "no package-level var AllAnalyzers"},
		"no type":          {"type Analyzer struct {", "type analyzerInfo struct {", "no struct type Analyzer"},
		"field renamed":    {"nonDefault  bool", "enabled     bool", "has no field nonDefault"},
		"field retyped":    {"severity    protocol.DiagnosticSeverity", "severity    int", "Analyzer.severity is a int, not a protocol.DiagnosticSeverity"},
		"analyzer wrapped": {"analyzer    *analysis.Analyzer", "analyzer    analysis.Analyzer", "Analyzer.analyzer is a analysis.Analyzer"},
		"import renamed":   {`"golang.org/x/tools/gopls/internal/protocol"`, `proto "golang.org/x/tools/gopls/internal/protocol"`, "without the go/analysis and protocol imports"},
	} {
		src := strings.Replace(settingsOK, tc.old, tc.new, 1)
		if src == settingsOK {
			t.Fatalf("%s: %q is not in the fixture", name, tc.old)
		}
		err := CheckShape(writeSettings(t, map[string]string{"analysis.go": src}))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", name, err, tc.want)
		}
	}
	err := CheckShape(writeSettings(t, map[string]string{"analysis.go": settingsOK, AddedFile: "package settings\n"}))
	if err == nil || !strings.Contains(err.Error(), "already has a file "+AddedFile) {
		t.Errorf("added twice: error %v", err)
	}
	if err := CheckShape(filepath.Join(t.TempDir(), "nosuch")); err == nil || !strings.Contains(err.Error(), "no internal/settings package") {
		t.Errorf("no package: error %v", err)
	}
}

// TestAddedFileFits checks the added file against the fixture: it sets
// exactly the fields CheckShape checks.
func TestAddedFileFits(t *testing.T) {
	for field := range wantFields {
		if !strings.Contains(addedSource, "\t\t\t"+field+":") {
			t.Errorf("the added file does not set %s, which CheckShape checks", field)
		}
	}
	if !strings.Contains(addedSource, "AllAnalyzers = append(AllAnalyzers") {
		t.Error("the added file does not append to AllAnalyzers")
	}
}

func TestPins(t *testing.T) {
	dir := t.TempDir()
	goMod := filepath.Join(dir, "go.mod")
	src := "module golang.org/x/tools/gopls\n\ngo 1.26.0\n\nrequire (\n\tgolang.org/x/tools v0.47.1-0.20260707181000-a299dadba899\n\thonnef.co/go/tools v0.8.0-rc.1\n)\n\nrequire golang.org/x/sys v0.46.0 // indirect\n"
	if err := os.WriteFile(goMod, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	pins, err := Pins(goMod)
	if err != nil {
		t.Fatal(err)
	}
	want := []Pin{
		{"golang.org/x/tools", "v0.47.1-0.20260707181000-a299dadba899"},
		{"honnef.co/go/tools", "v0.8.0-rc.1"},
		{"golang.org/x/sys", "v0.46.0"},
	}
	if len(pins) != len(want) {
		t.Fatalf("pins %v, want %v", pins, want)
	}
	for i := range want {
		if pins[i] != want[i] {
			t.Errorf("pin %d = %v, want %v", i, pins[i], want[i])
		}
	}
}
