package main

import (
	"slices"
	"strings"
	"testing"
)

func TestRegressions(t *testing.T) {
	before := `{"Action":"run","Package":"m/a","Test":"TestOK"}
{"Action":"pass","Package":"m/a","Test":"TestOK"}
{"Action":"pass","Package":"m/a","Test":"TestBroken"}
{"Action":"fail","Package":"m/a","Test":"TestFlaky"}
{"Action":"pass","Package":"m/a"}
{"Action":"pass","Package":"m/b","Test":"TestGone"}
{"Action":"pass","Package":"m/b"}
`
	after := `# m/b
b.go:3:1: syntax error
{"Action":"pass","Package":"m/a","Test":"TestOK"}
{"Action":"fail","Package":"m/a","Test":"TestBroken"}
{"Action":"fail","Package":"m/a","Test":"TestFlaky"}
{"Action":"fail","Package":"m/a"}
{"Action":"fail","Package":"m/b"}
`
	b, err := read(strings.NewReader(before))
	if err != nil {
		t.Fatal(err)
	}
	a, err := read(strings.NewReader(after))
	if err != nil {
		t.Fatal(err)
	}
	got := regressions(b, a)
	want := []string{
		"m/a TestBroken: fail",
		"m/a: fail",
		"m/b TestGone: no result (build failure, panic or timeout)",
		"m/b: fail",
	}
	if !slices.Equal(got, want) {
		t.Errorf("regressions =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := regressions(b, b); len(got) != 0 {
		t.Errorf("same run twice: regressions %v, want none", got)
	}
}
