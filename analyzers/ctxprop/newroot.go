package ctxprop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/goversion"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/ctxscope"
)

// checkRoot reports context.Background() or TODO() with a context in
// scope.
func (c *checker) checkRoot(cur inspector.Cursor, call *ast.CallExpr, name string) {
	src, m := c.scope.Locate(cur)
	if src == nil || m == ctxscope.Detached || c.roots.NilGuard(cur) || c.roots.Explained(call.Pos(), src.Func) {
		return
	}
	if v := c.assignedVar(cur); v != nil && v.Pos() >= src.Func.Pos() && c.roots.Explained(v.Pos(), src.Func) {
		return // the comment is at the variable's declaration
	}
	if c.onShutdownPath(cur) {
		return // shutdown or exit: the request's context is being cancelled
	}
	fun := "context." + name
	switch c.roots.Use(cur) {
	case ctxscope.Detached:
		return
	case ctxscope.Goroutine:
		m = ctxscope.Goroutine
	case ctxscope.Minor:
		if m == ctxscope.Goroutine || !c.log {
			return // a log line of a detached goroutine, or the logging rule is off
		}
		c.rep.Report(call, CategoryNewRoot, fmt.Sprintf(
			"%s() handed to a logger while %s is in scope: the entry loses the request's trace and values; pass %s", fun, src.Expr, src.Expr),
			analysis.SuggestedFix{
				Message:   fmt.Sprintf("Use %s", src.Expr),
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(src.Expr)}},
			})
		return
	}
	if m == ctxscope.Goroutine {
		if !goversion.AtLeast(c.info, c.file, withoutCancel) {
			return // nothing better before Go 1.21: detaching was the only way
		}
		c.rep.Report(call, CategoryNewRoot, fmt.Sprintf(
			"%s() in work that outlives the request drops the values and trace of %s along with its cancellation; "+
				"use context.WithoutCancel(%s), which keeps them and only drops the cancellation", fun, src.Expr, src.Expr),
			c.withoutCancelFix(call, src)...)
		return
	}
	var fixes []analysis.SuggestedFix
	if !c.inCleanupLike(cur) {
		// Only on a plain request path: cleanup handed the caller's context
		// may not run at all once the request is cancelled.
		fixes = append(fixes, analysis.SuggestedFix{
			Message:   fmt.Sprintf("Use %s", src.Expr),
			TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(src.Expr)}},
		})
	}
	c.rep.Report(call, CategoryNewRoot, fmt.Sprintf(
		"%s() starts a new root context while %s is in scope: the work is not cancelled when the request is, ignores its deadline and leaves its trace; "+
			"pass %s (or context.WithoutCancel(%s) if the work must outlive the request)", fun, src.Expr, src.Expr, src.Expr),
		fixes...)
}

// withoutCancelFix rewrites context.Background() as
// context.WithoutCancel(ctx), with the same qualifier.
func (c *checker) withoutCancelFix(call *ast.CallExpr, src *ctxscope.Source) []analysis.SuggestedFix {
	var text string
	switch f := astutil.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		text = types.ExprString(f.X) + ".WithoutCancel(" + src.Expr + ")"
	case *ast.Ident:
		if obj := c.scope.Lookup("WithoutCancel", call.Pos()); !match.Func(obj, "context", "WithoutCancel") {
			return nil
		}
		text = "WithoutCancel(" + src.Expr + ")"
	default:
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Use context.WithoutCancel(%s)", src.Expr),
		TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}},
	}}
}

// assignedVar returns the context variable that the new root context at
// cur (possibly derived) is assigned to, or nil.
func (c *checker) assignedVar(cur inspector.Cursor) *types.Var {
	e := cur
	for {
		for e.ParentEdgeKind() == edge.ParenExpr_X {
			e = e.Parent()
		}
		if e.ParentEdgeKind() == edge.CallExpr_Args && e.ParentEdgeIndex() == 0 && ctxscope.IsDerivation(c.info, e.Parent().Node().(*ast.CallExpr)) {
			e = e.Parent()
			continue
		}
		break
	}
	as, ok := e.Parent().Node().(*ast.AssignStmt)
	if !ok || e.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return nil
	}
	for _, l := range as.Lhs {
		if id, ok := astutil.Unparen(l).(*ast.Ident); ok {
			if v, ok := c.info.ObjectOf(id).(*types.Var); ok && v != nil && ctxscope.IsContext(v.Type()) {
				return v
			}
		}
	}
	return nil
}
