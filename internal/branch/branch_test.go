package branch_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/branch"
)

const src = `package p

func f(ch chan int) {
outer:
	for {
		select {
		case <-ch:
			break // 0: the select
		default:
		}
		for range ch {
			switch {
			case true:
				break // 1: the switch
			default:
				continue // 2: the inner range
			}
			break outer // 3: the outer for
		}
		func() {
			for {
				break // 4: the literal's loop
			}
		}()
	}
}
`

func TestTarget(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	want := []string{"*ast.SelectStmt", "*ast.SwitchStmt", "*ast.RangeStmt", "*ast.ForStmt", "*ast.ForStmt"}
	var outer ast.Stmt
	ast.Inspect(f, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok {
			outer = l.Stmt
		}
		return true
	})
	i := 0
	for cur := range inspector.New([]*ast.File{f}).Root().Preorder((*ast.BranchStmt)(nil)) {
		got := branch.Target(info, cur, cur.Node().(*ast.BranchStmt))
		if got == nil || fmt.Sprintf("%T", got) != want[i] {
			t.Errorf("branch %d: target %v, want %s", i, got, want[i])
		}
		if i == 3 && got != ast.Node(outer) {
			t.Errorf("break outer: target is not the labelled loop")
		}
		i++
	}
	if i != len(want) {
		t.Errorf("%d branch statements, want %d", i, len(want))
	}
}
