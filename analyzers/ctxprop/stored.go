package ctxprop

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/passes/ctxscope"
)

// resultGetsContext reports whether the value returned by the call at cur
// is given a context afterwards: req, _ := http.NewRequest(...) followed by
// req.WithContext(ctx) or req = req.WithContext(ctx) in the function, or
// a request stored in a field (or package variable) once and given a
// context on each use anywhere in the package (c.Do(s.req.WithContext(ctx))).
func (c *checker) resultGetsContext(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch cur.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		return c.givesContext(cur.Parent())
	case edge.KeyValueExpr_Value: // S{req: newReq()}
		return c.storedGetsContext(c.fieldOfKey(cur.Parent()))
	case edge.AssignStmt_Rhs:
	default:
		return false
	}
	as := cur.Parent().Node().(*ast.AssignStmt)
	if len(as.Lhs) == 0 {
		return false
	}
	v := c.lhsVar(as.Lhs[0])
	if v == nil {
		return false
	}
	if v.IsField() || v.Parent() == c.pass.Pkg.Scope() {
		return c.storedGetsContext(v)
	}
	fnCur := cur
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fnCur = p
		break
	}
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[idCur.Node().(*ast.Ident)] != v {
			continue
		}
		if c.useGetsContext(idCur) {
			return true
		}
		// Stored: s.req = req, or S{req: req}.
		switch idCur.ParentEdgeKind() {
		case edge.AssignStmt_Rhs:
			st := idCur.Parent().Node().(*ast.AssignStmt)
			if i := idCur.ParentEdgeIndex(); len(st.Lhs) == len(st.Rhs) {
				if f := c.lhsVar(st.Lhs[i]); f != nil && (f.IsField() || f.Parent() == c.pass.Pkg.Scope()) && c.storedGetsContext(f) {
					return true
				}
			}
		case edge.KeyValueExpr_Value:
			if c.storedGetsContext(c.fieldOfKey(idCur.Parent())) {
				return true
			}
		}
	}
	return false
}

// lhsVar returns the variable or field that an assignment's left-hand
// side names.
func (c *checker) lhsVar(e ast.Expr) *types.Var {
	switch x := astutil.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := c.info.ObjectOf(x).(*types.Var)
		return v
	case *ast.SelectorExpr:
		v, _ := c.info.Uses[x.Sel].(*types.Var)
		return v
	}
	return nil
}

// fieldOfKey returns the field a composite literal's key names.
func (c *checker) fieldOfKey(kv inspector.Cursor) *types.Var {
	id, ok := kv.Node().(*ast.KeyValueExpr).Key.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.info.Uses[id].(*types.Var)
	if v == nil || !v.IsField() {
		return nil
	}
	return v
}

// storedGetsContext reports whether a field or package variable holding a
// value built without a context is given one where it is used: at least
// one read gives it a context (s.req.WithContext(ctx)) and none hands it
// on bare (c.Do(s.req), r := s.req). Reads of its fields or other methods
// (s.req.Header.Set) neither give nor drop a context.
func (c *checker) storedGetsContext(v *types.Var) bool {
	if v == nil {
		return false
	}
	if got, ok := c.stored[v]; ok {
		return got
	}
	given, bare := 0, 0
	for idCur := range c.root.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[idCur.Node().(*ast.Ident)] != v {
			continue
		}
		use := idCur
		if use.ParentEdgeKind() == edge.SelectorExpr_Sel {
			use = use.Parent()
		}
		for use.ParentEdgeKind() == edge.ParenExpr_X {
			use = use.Parent()
		}
		switch {
		case use.ParentEdgeKind() == edge.AssignStmt_Lhs, use.ParentEdgeKind() == edge.KeyValueExpr_Key:
			// a store
		case c.useGetsContext(use):
			given++
		case use.ParentEdgeKind() == edge.SelectorExpr_X:
			// s.req.Header, s.req.URL: used in place
		default:
			bare++
		}
	}
	got := given > 0 && bare == 0
	c.stored[v] = got
	return got
}

// useGetsContext reports whether the value at use is given a context
// there: req.WithContext(ctx), req.Clone(ctx), or passed with a context to
// a function that attaches it (do(ctx, req)).
func (c *checker) useGetsContext(use inspector.Cursor) bool {
	switch use.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		return c.givesContext(use.Parent())
	case edge.CallExpr_Args:
		for _, arg := range use.Parent().Node().(*ast.CallExpr).Args {
			if ctxscope.IsContext(c.info.TypeOf(arg)) {
				return true
			}
		}
	}
	return false
}

// givesContext reports whether the selector at selCur is a method that
// attaches a context to its receiver's copy: WithContext, SetContext or
// Clone, taking a context.
func (c *checker) givesContext(selCur inspector.Cursor) bool {
	sel := selCur.Node().(*ast.SelectorExpr)
	switch sel.Sel.Name {
	case "WithContext", "SetContext", "Clone":
	default:
		return false
	}
	fn, ok := c.info.Uses[sel.Sel].(*types.Func)
	if !ok {
		return false
	}
	for p := range fn.Signature().Params().Variables() {
		if ctxscope.IsContext(p.Type()) {
			return true
		}
	}
	return false
}
