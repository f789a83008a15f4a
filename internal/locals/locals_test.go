package locals_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/locals"
)

const src = `package p

func f(ch chan int) {
	once := 1
	again := 2
	again = 3
	addr := 4
	_ = &addr
	ranged := 0
	for ranged = range ch {
	}
	var declared, multi = 5, 6
	paren := 7
	(paren) = 8
	_, _, _, _, _, _, _ = once, again, addr, ranged, declared, multi, paren
}
`

func TestLocals(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	var files []inspector.Cursor
	for c := range inspector.New([]*ast.File{f}).Root().Children() {
		files = append(files, c)
	}
	vars := map[string]*types.Var{}
	for id, obj := range info.Defs {
		if v, ok := obj.(*types.Var); ok {
			vars[id.Name] = v
		}
	}
	for _, tc := range []struct {
		name string
		init string // the initial value's literal, "" for none
		once bool
	}{
		{"once", "1", true},
		{"again", "2", false},
		{"addr", "4", false},
		{"ranged", "0", false},
		{"declared", "5", true},
		{"multi", "6", true},
		{"paren", "7", false},
		{"ch", "", true}, // a parameter: declared, no initial value
	} {
		v := vars[tc.name]
		decl, fn, ok := locals.Declaration(info, files, v)
		if !ok {
			t.Errorf("%s: no declaration found", tc.name)
			continue
		}
		init := ""
		if lit, ok := locals.InitValue(decl).(*ast.BasicLit); ok {
			init = lit.Value
		}
		if init != tc.init {
			t.Errorf("%s: initial value %q, want %q", tc.name, init, tc.init)
		}
		if got := locals.AssignedOnce(info, fn, v); got != tc.once {
			t.Errorf("%s: AssignedOnce = %v, want %v", tc.name, got, tc.once)
		}
	}
	// A package-level object is not a local of these files' functions.
	pkgVar := types.NewVar(token.NoPos, nil, "x", types.Typ[types.Int])
	if _, _, ok := locals.Declaration(info, files, pkgVar); ok {
		t.Error("Declaration found a variable that has no position in the files")
	}
}
