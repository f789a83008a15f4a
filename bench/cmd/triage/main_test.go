package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCells(t *testing.T) {
	got := cells("| R1 | * | errwrap | `a\\|b` | | true bug | why |")
	want := []string{"R1", "*", "errwrap", "`a|b`", "", "true bug", "why"}
	if !slices.Equal(got, want) {
		t.Errorf("cells = %q, want %q", got, want)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("src/m/a.go", "package a\n\treturn fmt.Errorf(\"parse: %v\", err)\n\treturn fmt.Errorf(\"read: %v\", err)\n")
	findings := write("findings.tsv", "m\ta.go\t2\terrwrap\tx\nm\ta.go\t3\terrwrap\tx\nm\ta.go\t3\tother\tx\n")
	triage := write("triage.md", "| id | module | analyzer | file | line | judgement | why |\n|---|\n"+
		"| R1 | m | errwrap | `^a\\.go$` | `parse` | false alarm | parse |\n"+
		"| R2 | * | errwrap | | | real risk | rest |\n")
	n, err := run(findings, triage, filepath.Join(dir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("unmatched = %d, want 1 (the finding of analyzer other)", n)
	}
}

func TestPrecision(t *testing.T) {
	for _, c := range []struct {
		j    map[string]int
		want string
	}{
		{map[string]int{"true bug": 1, "real risk": 8, "false alarm": 1}, "90%"},
		{map[string]int{"false alarm": 3}, "0%"},
		{map[string]int{}, "—"},
	} {
		if got := precision(c.j); got != c.want {
			t.Errorf("precision(%v) = %s, want %s", c.j, got, c.want)
		}
	}
}
