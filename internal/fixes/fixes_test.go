package fixes_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
	"time"

	"github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/internal/fixes"
)

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second:        "30 * time.Second",
		time.Second:             "time.Second",
		90 * time.Second:        "90 * time.Second",
		2 * time.Hour:           "2 * time.Hour",
		1500 * time.Millisecond: "1500 * time.Millisecond",
		7:                       "7 * time.Nanosecond",
	} {
		if got := fixes.Duration(d, "time"); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

// apply type-checks src, runs edit on the first composite literal and
// returns the edited source.
func apply(t *testing.T, src string, edit func(fset *token.FileSet, f *ast.File, info *types.Info, lit *ast.CompositeLit) ([]analysis.TextEdit, bool)) (string, bool) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{}, Scopes: map[ast.Node]*types.Scope{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default(), Error: func(error) {}}
	conf.Check("p", fset, []*ast.File{f}, info)
	var lit *ast.CompositeLit
	ast.Inspect(f, func(n ast.Node) bool {
		if l, ok := n.(*ast.CompositeLit); ok && lit == nil {
			lit = l
		}
		return lit == nil
	})
	edits, ok := edit(fset, f, info, lit)
	if !ok {
		return "", false
	}
	var ue []udiff.Edit
	for _, e := range edits {
		ue = append(ue, udiff.Edit{Start: fset.Position(e.Pos).Offset, End: fset.Position(e.End).Offset, New: string(e.NewText)})
	}
	out, err := udiff.Apply(src, ue)
	if err != nil {
		t.Fatal(err)
	}
	return out, true
}

func TestAddField(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"package p\nvar x = struct{ A, B int }{}\n", "{B: 2}"},
		{"package p\nvar x = struct{ A, B int }{A: 1}\n", "{A: 1, B: 2}"},
		{"package p\nvar x = struct{ A, B int }{\n\tA: 1, // one\n}\n", "{\n\tA: 1, // one\n\tB: 2,\n}"},
		{"package p\nvar x = struct{ A, B int }{1, 2}\n", ""}, // unkeyed: no edit
	} {
		got, ok := apply(t, tc.src, func(fset *token.FileSet, f *ast.File, info *types.Info, lit *ast.CompositeLit) ([]analysis.TextEdit, bool) {
			e, ok := fixes.AddField(fset, []byte(tc.src), lit, "B", "2")
			return []analysis.TextEdit{e}, ok
		})
		if tc.want == "" {
			if ok {
				t.Errorf("AddField on %q gave an edit, want none", tc.src)
			}
			continue
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("AddField on %q = %q, want it to contain %q", tc.src, got, tc.want)
		}
	}
}

func TestImport(t *testing.T) {
	for _, tc := range []struct{ src, wantName, wantSrc string }{
		{"package p\nvar x = struct{}{}\n", "time", "package p\n\nimport \"time\"\nvar"},
		{"package p\nimport \"fmt\"\nvar _ = fmt.Sprint\nvar x = struct{}{}\n", "time", "import (\n\t\"fmt\"\n\t\"time\"\n)"},
		{"package p\nimport (\n\t\"fmt\"\n)\nvar _ = fmt.Sprint\nvar x = struct{}{}\n", "time", "import (\n\t\"fmt\"\n\t\"time\"\n)"},
		{"package p\nimport t \"time\"\nvar _ = t.Now\nvar x = struct{}{}\n", "t", "import t \"time\"\nvar"},
		{"package p\nimport _ \"time\"\nvar x = struct{}{}\n", "time", "import (\n\t_ \"time\"\n\t\"time\"\n)"},
		{"package p\nvar time = 1\nvar x = struct{}{}\n", "", ""}, // shadowed: no fix
	} {
		var name string
		got, ok := apply(t, tc.src, func(fset *token.FileSet, f *ast.File, info *types.Info, lit *ast.CompositeLit) ([]analysis.TextEdit, bool) {
			n, edits, ok := fixes.Import(info, f, lit.Pos(), "time")
			name = n
			return edits, ok
		})
		if tc.wantName == "" {
			if ok {
				t.Errorf("Import on %q succeeded, want no fix", tc.src)
			}
			continue
		}
		if name != tc.wantName || !strings.Contains(got, tc.wantSrc) {
			t.Errorf("Import on %q = %q, %q; want %q, containing %q", tc.src, name, got, tc.wantName, tc.wantSrc)
		}
	}
}
