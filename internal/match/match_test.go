package match_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/testutil"
)

// probe reports every reference that match recognises, so the testdata's
// want comments pin down what matches and, as importantly, what does not.
var probe = &analysis.Analyzer{
	Name: "probe",
	Doc:  "report references recognised by package match",
	Run: func(pass *analysis.Pass) (any, error) {
		const lib = "matchcases/lib"
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					fn := match.Callee(pass.TypesInfo, n)
					for _, name := range []string{"F", "Gen"} {
						if match.Func(fn, lib, name) {
							pass.Reportf(n.Pos(), "func lib.%s", name)
						}
					}
					return true
				case *ast.SelectorExpr, *ast.Ident:
					expr := n.(ast.Expr)
					obj := match.ObjectOf(pass.TypesInfo, expr)
					for _, m := range [][2]string{{"T", "Value"}, {"T", "Pointer"}, {"G", "Get"}} {
						if match.Method(obj, lib, m[0], m[1]) {
							pass.Reportf(n.Pos(), "method lib.%s.%s", m[0], m[1])
						}
					}
					if match.Var(obj, lib, "V") {
						pass.Reportf(n.Pos(), "var lib.V")
						return false
					}
					_, isSel := n.(*ast.SelectorExpr)
					return !isSel
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestMatch(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), probe, "matchcases/use")
}

func TestInterfaceMethod(t *testing.T) {
	pkg := types.NewPackage("p", "p")
	sig := types.NewSignatureType(nil, nil, nil, nil, nil, false)
	abstract := types.NewFunc(0, pkg, "M", sig)
	iface := types.NewInterfaceType([]*types.Func{abstract}, nil).Complete()
	if !match.InterfaceMethod(iface.Method(0)) {
		t.Error("interface method: got false")
	}
	recv := types.NewVar(0, pkg, "r", types.NewPointer(types.NewStruct(nil, nil)))
	concrete := types.NewFunc(0, pkg, "M", types.NewSignatureType(recv, nil, nil, nil, nil, false))
	if match.InterfaceMethod(concrete) {
		t.Error("concrete method: got true")
	}
	plain := types.NewSignatureType(nil, nil, nil, nil, nil, false) // NewInterfaceType gave sig a receiver
	if match.InterfaceMethod(types.NewFunc(0, pkg, "F", plain)) || match.InterfaceMethod(nil) {
		t.Error("function or nil: got true")
	}
}

func TestReceived(t *testing.T) {
	for src, want := range map[string]string{
		"<-ch":           "ch",
		"v := <-done()":  "done()",
		"v, ok = <-(ch)": "(ch)",
		"ch <- v":        "",
		"f(<-ch)":        "",
		"a, b := <-x, y": "",
	} {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package p; func _() { "+src+" }", 0)
		if err != nil {
			t.Fatal(err)
		}
		st := f.Decls[0].(*ast.FuncDecl).Body.List[0]
		got := ""
		if ch := match.Received(st); ch != nil {
			got = types.ExprString(ch)
		}
		if got != want {
			t.Errorf("Received(%s) = %q, want %q", src, got, want)
		}
	}
}
