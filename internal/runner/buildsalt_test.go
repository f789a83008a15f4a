package runner

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestBuildSalt(t *testing.T) {
	dir := t.TempDir()
	salt := func(content string) string {
		name := filepath.Join(dir, "exe")
		if err := os.WriteFile(name, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
		s, err := buildSalt(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(s)
	}
	if a, b := salt("prodvet 1"), salt("prodvet 2"); a == b {
		t.Error("two builds have the same salt")
	}
	if a, b := salt("prodvet 1"), salt("prodvet 1"); a != b {
		t.Error("one build has two salts")
	}
	// A binary the go command built is known by its build ID (read from
	// ELF executables; others are hashed).
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(string(out))
	if got := goBuildID(exe); got != id {
		t.Errorf("goBuildID(test binary) = %q, go tool buildid says %q", got, id)
	}
	s, err := buildSalt(exe)
	if err != nil || !strings.Contains(string(s), id) {
		t.Errorf("salt of the test binary = %q, %v; want one naming its build ID %s", s, err, id)
	}
}
