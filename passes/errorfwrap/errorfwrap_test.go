package errorfwrap_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/errorfwrap"
)

// TestFacts checks the isWrapper facts, across packages.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), errorfwrap.Analyzer, "errorfwrap/upstream", "errorfwrap/downstream")
}

// TestResult checks what the Result says, through a probe that reports it.
func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), probe, "errorfwrap/probe", "errorfwrap/nowrapper")
}

// probe reports whether the package imports a wrapper, and each call of a
// wrapper.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report what errorfwrap says",
	Requires: []*analysis.Analyzer{inspect.Analyzer, errorfwrap.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		wrappers := pass.ResultOf[errorfwrap.Analyzer].(*errorfwrap.Result)
		root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
		msg := "imports no wrapper"
		if wrappers.ImportsWrapper() {
			msg = "imports a wrapper"
		}
		pass.Reportf(pass.Files[0].Package, "%s", msg)
		for cur := range root.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if fn := match.Callee(pass.TypesInfo, call); wrappers.IsWrapper(fn) {
				pass.Reportf(call.Pos(), "%s is a wrapper", fn.Name())
			}
		}
		return nil, nil
	},
}
