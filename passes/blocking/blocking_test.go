package blocking_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/blocking"
)

// TestFacts checks the facts, across packages.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), blocking.Analyzer, "blocking/upstream", "blocking/downstream")
}

// reporter reports the call statements that the Result says may wait.
var reporter = &analysis.Analyzer{
	Name:     "waits",
	Doc:      "report calls that may block",
	Requires: []*analysis.Analyzer{inspect.Analyzer, blocking.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		r := pass.ResultOf[blocking.Analyzer].(*blocking.Result)
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for cur := range in.Root().Preorder((*ast.ExprStmt)(nil), (*ast.AssignStmt)(nil)) {
			var call *ast.CallExpr
			switch n := cur.Node().(type) {
			case *ast.ExprStmt:
				call, _ = n.X.(*ast.CallExpr)
			case *ast.AssignStmt:
				call, _ = n.Rhs[0].(*ast.CallExpr)
			}
			if call == nil {
				continue
			}
			fw := r.FuncWaits(match.Callee(pass.TypesInfo, call))
			if w := r.Walk(call); w != fw {
				pass.Reportf(call.Pos(), "Walk and FuncWaits disagree")
			} else if w {
				pass.Reportf(call.Pos(), "waits")
			}
		}
		return nil, nil
	},
}

// TestResult checks the Result through an analyzer that reports it.
func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), reporter, "blocking/calls")
}
