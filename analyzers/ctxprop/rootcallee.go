package ctxprop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/passes/ctxscope"
)

// checkRootCallee reports a call, with a context in scope, of a function
// that starts its own root context.
func (c *checker) checkRootCallee(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	root, site, ok := c.roots.StartsRoot(fn)
	if !ok || hasVariantName(fn) {
		return // a wrapper of its own variant: the variant rule speaks for it
	}
	src, m := c.scope.Locate(cur)
	if src == nil || m != ctxscope.Sync || c.onShutdownPath(cur) {
		return
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		if c.info.Defs[fc.Node().(*ast.FuncDecl).Name] == types.Object(fn.Origin()) {
			return // recursion
		}
	}
	at := analysis.Range(call.Fun)
	if sel := c.selectorOf(call); sel != nil {
		at = sel.Sel
	}
	d := analysis.Diagnostic{
		Pos:      at.Pos(),
		End:      at.End(),
		Category: CategoryRootCallee,
		Message: fmt.Sprintf("%s starts a new root context (context.%s) instead of taking one: called here, where %s is in scope, its work is not cancelled when the request is, "+
			"ignores its deadline and leaves its trace; give %s a ctx parameter (or call an API that takes one) and pass %s", funcName(fn), root, src.Expr, fn.Name(), src.Expr),
	}
	if site != nil {
		d.Related = []analysis.RelatedInformation{{Pos: site.Pos(), End: site.End(), Message: "the new root context"}}
	}
	c.rep.ReportDiagnostic(d)
}
