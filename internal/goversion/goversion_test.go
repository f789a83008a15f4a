package goversion_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/prodvet/prodvet/internal/goversion"
)

func TestFileVersions(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(name, src string) *ast.File {
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	old := parse("old.go", "//go:build go1.21\n\npackage p\n")
	plain := parse("plain.go", "package p\n")
	info := &types.Info{FileVersions: map[*ast.File]string{}}
	conf := types.Config{GoVersion: "go1.24"}
	if _, err := conf.Check("p", fset, []*ast.File{old, plain}, info); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file        *ast.File
		want        string
		perIterVars bool
	}{
		{old, "go1.21", false},
		{plain, "go1.24", true},
	} {
		if got := goversion.Of(info, tc.file); got != tc.want {
			t.Errorf("Of = %q, want %q", got, tc.want)
		}
		if got := goversion.AtLeast(info, tc.file, goversion.PerIterationLoopVars); got != tc.perIterVars {
			t.Errorf("%s: AtLeast(go1.22) = %v, want %v", tc.want, got, tc.perIterVars)
		}
	}
	// Unknown versions count as the newest, as the compiler treats them.
	if !goversion.AtLeast(&types.Info{}, plain, "go1.99") {
		t.Error("AtLeast with no version information = false, want true")
	}
}
