package errorigin_test

import (
	"go/ast"
	"go/types"
	"strings"

	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// TestFacts checks the wraps facts, across packages.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), errorigin.Analyzer, "errorigin/upstream", "errorigin/downstream")
}

// TestResult checks what the Result says, through a probe that reports it.
func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), probe, "errorigin/sources")
}

// probe reports the sources of the argument of every call of a function
// named use, and whether the sentinel of every comparison is wrapped.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report what errorigin says",
	Requires: []*analysis.Analyzer{inspect.Analyzer, errorigin.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		origin := pass.ResultOf[errorigin.Analyzer].(*errorigin.Result)
		root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
		for cur := range root.Preorder((*ast.CallExpr)(nil), (*ast.BinaryExpr)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.CallExpr:
				fn, _ := pass.TypesInfo.Uses[identOf(n.Fun)].(*types.Func)
				if fn == nil || fn.Pkg() != pass.Pkg || fn.Name() != "use" {
					continue
				}
				calls, complete := origin.Sources(cur, n.Args[0])
				var names []string
				for _, s := range calls {
					names = append(names, types.ExprString(s.Call.Fun))
				}
				if len(names) == 0 {
					names = []string{"none"}
				}
				state := "complete"
				if !complete {
					state = "incomplete"
				}
				pass.Reportf(n.Pos(), "sources: %s; %s", strings.Join(names, ", "), state)
			case *ast.BinaryExpr:
				if v := origin.Sentinel(n.Y); v != nil {
					state := "not wrapped"
					if origin.SentinelWrapped(v) {
						state = "wrapped"
					}
					pass.Reportf(n.Y.Pos(), "%s %s", types.ExprString(n.Y), state)
				}
			}
		}
		return nil, nil
	},
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := e.(*ast.Ident)
	return id
}

// TestReturnsUnwrapped checks ReturnsUnwrapped through a probe that reports
// it for every call check(f, sentinel).
func TestReturnsUnwrapped(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), returnsProbe, "errorigin/returns")
}

var returnsProbe = &analysis.Analyzer{
	Name:     "returnsprobe",
	Doc:      "report what ReturnsUnwrapped says",
	Requires: []*analysis.Analyzer{inspect.Analyzer, errorigin.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		origin := pass.ResultOf[errorigin.Analyzer].(*errorigin.Result)
		root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
		for cur := range root.Preorder((*ast.CallExpr)(nil)) {
			n := cur.Node().(*ast.CallExpr)
			if id := identOf(n.Fun); id == nil || id.Name != "check" || len(n.Args) != 2 {
				continue
			}
			fn, _ := pass.TypesInfo.Uses[identOf(n.Args[0])].(*types.Func)
			v := origin.Sentinel(n.Args[1])
			if fn == nil || v == nil {
				continue
			}
			pass.Reportf(n.Pos(), "%s only returns %s itself: %v", fn.Name(), v.Name(), origin.ReturnsUnwrapped(fn, v))
		}
		return nil, nil
	},
}
