package goroutines_test

import (
	"go/ast"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/goroutines"
)

// reporter reports every goroutine start and what it runs, so that the
// test fails when Of is wrong.
var reporter = &analysis.Analyzer{
	Name:     "starts",
	Doc:      "report goroutine starts",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for cur := range in.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
			s, ok := goroutines.Of(pass.TypesInfo, cur.Node())
			if !ok {
				continue
			}
			what := "something else"
			switch {
			case s.Lit != nil:
				what = "a literal"
				lc, _ := in.Root().FindNode(s.Lit)
				if l, ok := goroutines.OfLit(pass.TypesInfo, lc); !ok || l.Kind != s.Kind {
					what = "a literal OfLit misses"
				}
			case s.Callee != nil:
				what = s.Callee.Name()
			}
			pass.Reportf(s.Node.Pos(), "%s runs %s", s.Kind, what)
		}
		return nil, nil
	},
}

func TestStarts(t *testing.T) {
	dir := filepath.Join(testutil.TestData(t), "src", "goroutines", "mod")
	analysistest.Run(t, dir, reporter, "./a", "./b")
}
