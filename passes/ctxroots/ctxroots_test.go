package ctxroots_test

import (
	"go/ast"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/testutil"
	"github.com/prodvet/prodvet/passes/ctxroots"
	"github.com/prodvet/prodvet/passes/ctxscope"
)

// TestFacts checks the facts the pass exports.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), ctxroots.Analyzer, "ctxroots/up")
}

// TestResult checks what the Result answers in a package that uses the
// facts of another, through probe.
func TestResult(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), probe, "ctxroots/down")
}

var modes = map[ctxscope.Mode]string{
	ctxscope.Sync: "sync", ctxscope.Goroutine: "goroutine", ctxscope.Detached: "detached", ctxscope.Minor: "minor",
}

// probe reports, for each call, whether its callee starts a root context,
// and for each new root context how it is used.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports what ctxroots's Result says",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctxroots.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[ctxroots.Analyzer].(*ctxroots.Result)
		root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
		for cur := range root.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if _, ok := ctxscope.IsRootCall(pass.TypesInfo, call); ok {
				words := []string{"use:", modes[res.Use(cur)]}
				var decl ast.Node
				for d := range cur.Enclosing((*ast.FuncDecl)(nil)) {
					decl = d.Node()
					break
				}
				if res.NilGuard(cur) {
					words = append(words, "nilguard")
				}
				if res.Explained(call.Pos(), decl) {
					words = append(words, "explained")
				}
				pass.Reportf(call.Pos(), "%s", strings.Join(words, " "))
				continue
			}
			fn := match.Callee(pass.TypesInfo, call)
			if fn == nil {
				continue
			}
			if root, site, ok := res.StartsRoot(fn); ok {
				where := ""
				if site != nil {
					where = " here"
				}
				pass.Reportf(call.Pos(), "startsRoot %s %s%s", fn.Name(), root, where)
			}
		}
		return nil, nil
	},
}
