package atomicaccess_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/atomicaccess"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), atomicaccess.Analyzer, "atomicaccess/facts/...")
}

func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), probe, "atomicaccess/result/...")
}

// probe reports what the Result says: each atomic access, each reference
// to an imported variable with a fact, and the path of each plain access to
// a variable this package accesses atomically.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report the atomicaccess Result",
	Requires: []*analysis.Analyzer{inspect.Analyzer, atomicaccess.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[atomicaccess.Analyzer].(*atomicaccess.Result)
		for v, accs := range res.All() {
			if got := res.Accesses(v); len(got) != len(accs) {
				pass.Reportf(v.Pos(), "Accesses(%s) = %d, All has %d", v.Name(), len(got), len(accs))
			}
			for _, a := range accs {
				pass.Reportf(a.Call.Node().Pos(), "access %s %s via %s", a.Func, v.Name(), atomicaccess.FormatPath(a.Path))
			}
		}
		root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
		for cur := range root.Preorder((*ast.Ident)(nil)) {
			v, ok := pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Var)
			if !ok {
				continue
			}
			v = v.Origin()
			acc := cur
			if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
				acc = cur.Parent()
			}
			path := atomicaccess.FormatPath(res.Path(acc.Node().(ast.Expr)))
			if f := res.Imported(v); f != nil {
				pass.Reportf(acc.Node().Pos(), "imported %s via %s: %s", v.Name(), path, f)
			}
			if len(res.Accesses(v)) > 0 && !inAtomicCall(pass, cur) {
				pass.Reportf(acc.Node().Pos(), "local %s via %s", v.Name(), path)
			}
		}
		return nil, nil
	},
}

func inAtomicCall(pass *analysis.Pass, cur inspector.Cursor) bool {
	for c := range cur.Enclosing((*ast.CallExpr)(nil)) {
		if atomicaccess.IsFunc(match.Callee(pass.TypesInfo, c.Node().(*ast.CallExpr))) {
			return true
		}
	}
	return false
}
