package ctxscope_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/ctxscope"
)

// TestFacts checks the facts the pass exports.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), ctxscope.Analyzer, "ctxscope/up")
}

// TestResult checks what the Result answers in a package that uses the
// facts of another, through probe.
func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), probe, "ctxscope/down")
}

var modes = map[ctxscope.Mode]string{
	ctxscope.Sync: "sync", ctxscope.Goroutine: "goroutine", ctxscope.Detached: "detached", ctxscope.Minor: "minor",
}

// probe reports the context in scope at each call of probe(), whether
// each other call honours its context, and which variants are deprecated.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports what ctxscope's Result says",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
		root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
		for cur := range root.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			fn := match.Callee(pass.TypesInfo, call)
			switch {
			case fn != nil && fn.Pkg() == pass.Pkg && fn.Name() == "probe":
				src, m := res.Locate(cur)
				expr := "none"
				if src != nil {
					expr = src.Expr
				}
				pass.Reportf(call.Pos(), "scope: %s %s", expr, modes[m])
			case res.Honors(call):
				pass.Reportf(call.Pos(), "honors %s", name(fn))
			case fn != nil && ctxscope.IsVariantName(fn.Name()) && res.Deprecated(fn):
				pass.Reportf(call.Pos(), "deprecated %s", fn.Name())
			}
		}
		return nil, nil
	},
}

func name(fn *types.Func) string { return fn.Pkg().Name() + "." + fn.Name() }
