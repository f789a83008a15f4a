package noreturn_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/noreturn"
)

// TestFacts checks the facts, across packages.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), noreturn.Analyzer, "noreturn/upstream", "noreturn/downstream")
}

// reporter reports how each call statement ends, as the Result says.
var reporter = &analysis.Analyzer{
	Name:     "ends",
	Doc:      "report calls that never return",
	Requires: []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		r := pass.ResultOf[noreturn.Analyzer].(*noreturn.Result)
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for cur := range in.Root().Preorder((*ast.ExprStmt)(nil)) {
			call, ok := cur.Node().(*ast.ExprStmt).X.(*ast.CallExpr)
			if !ok {
				continue
			}
			if k, never := r.Call(call); never {
				if r.MayReturn(call) {
					pass.Reportf(call.Pos(), "MayReturn disagrees")
				}
				pass.Reportf(call.Pos(), "%s", k)
			}
		}
		return nil, nil
	},
}

// TestResult checks the Result through an analyzer that reports it.
func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), reporter, "noreturn/calls")
}
