package effects_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/effects"
)

// TestFacts checks the summaries exported as facts.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), effects.Analyzer, "effects/lib")
}

// TestResult checks what Of says of functions of this package and, through
// facts, of another.
func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), probe, "effects/user")
}

// probe reports the summary of the callee of every call that has one.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report the effects Result",
	Requires: []*analysis.Analyzer{inspect.Analyzer, effects.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[effects.Analyzer].(*effects.Result)
		root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
		for cur := range root.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if s := res.Of(match.Callee(pass.TypesInfo, call)); s != nil {
				pass.Reportf(call.Pos(), "effects: %s", s)
			}
		}
		return nil, nil
	},
}
