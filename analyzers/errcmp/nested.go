package errcmp

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// ---- Checks that another construct, or the function itself, settles ----

// helpersReturnUnwrapped reports whether every value compared with v, a
// sentinel of this package, comes from a call of a function of this
// package that can only return v itself (errorigin.ReturnsUnwrapped):
// err := parseHeader(b); if err == errShortHeader, where the package wraps
// errShortHeader elsewhere but not on the way here.
func (c *checker) helpersReturnUnwrapped(cur inspector.Cursor, v *types.Var, value ast.Expr) bool {
	calls, complete := c.origin.Sources(cur, value)
	if !complete || len(calls) == 0 {
		return false
	}
	for _, ca := range calls {
		if !c.origin.ReturnsUnwrapped(c.callee(ca), v) {
			return false
		}
	}
	return true
}

// deferredResult returns the named result that value names when cur lies
// in a closure deferred by the function that declares it: the closure
// checks exactly what that function returns.
func (c *checker) deferredResult(cur inspector.Cursor, value ast.Expr) *types.Var {
	id, ok := astutil.Unparen(value).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		return nil
	}
	fnCur, kind := errorigin.DeclaringFunc(cur, v)
	if kind != errorigin.ResultVar {
		return nil
	}
	for fc := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if fc == fnCur {
			return nil
		}
		if fc.ParentEdgeKind() == edge.CallExpr_Fun && fc.Parent().ParentEdgeKind() == edge.DeferStmt_Call {
			return v
		}
	}
	return nil
}

// returnsItself reports whether the function declaring the named result v
// returns, or assigns to v, a value for which is holds (the sentinel
// itself, a value of the asserted type made in place).
func (c *checker) returnsItself(cur inspector.Cursor, v *types.Var, is func(ast.Expr) bool) bool {
	fnCur, _ := errorigin.DeclaringFunc(cur, v)
	if !fnCur.Valid() {
		return false
	}
	var sig *types.Signature
	switch f := fnCur.Node().(type) {
	case *ast.FuncDecl:
		if obj := c.pass.TypesInfo.Defs[f.Name]; obj != nil {
			sig, _ = obj.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		sig, _ = c.pass.TypesInfo.TypeOf(f).(*types.Signature)
	}
	if sig == nil {
		return false
	}
	index := -1
	for i := range sig.Results().Len() {
		if sig.Results().At(i) == v {
			index = i
		}
	}
	if index < 0 {
		return false
	}
	for rc := range fnCur.Preorder((*ast.ReturnStmt)(nil)) {
		ret := rc.Node().(*ast.ReturnStmt)
		if errorigin.InnermostFunc(rc) == fnCur && len(ret.Results) == sig.Results().Len() && is(ret.Results[index]) {
			return true
		}
	}
	if assigns, ok := c.origin.Assignments(fnCur, v); ok {
		for _, a := range assigns {
			if a.Value != nil && is(a.Value) {
				return true
			}
		}
	}
	return false
}

// makesType reports whether e makes a value of type t in place: &T{...},
// T{...}, new(T).
func (c *checker) makesType(e ast.Expr, t types.Type) bool {
	info := c.pass.TypesInfo
	e = astutil.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if _, ok := astutil.Unparen(x.X).(*ast.CompositeLit); !ok || x.Op != token.AND {
			return false
		}
	case *ast.CompositeLit:
	case *ast.CallExpr:
		id, ok := astutil.Unparen(x.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
			return false
		}
	default:
		return false
	}
	return types.Identical(info.TypeOf(e), t)
}

// deferredReturnsType reports whether a type switch in a deferred closure
// on a named result checks for a type that the function itself returns.
func (c *checker) deferredReturnsType(cur inspector.Cursor, x ast.Expr, ts *ast.TypeSwitchStmt) bool {
	v := c.deferredResult(cur, x)
	if v == nil {
		return false
	}
	for _, stmt := range ts.Body.List {
		cc, _ := stmt.(*ast.CaseClause)
		if cc == nil {
			continue
		}
		for _, e := range cc.List {
			t := c.pass.TypesInfo.TypeOf(e)
			if concreteErrorType(t) && !c.returnsItself(cur, v, func(e ast.Expr) bool { return c.makesType(e, t) }) {
				return false
			}
		}
	}
	return true
}

// testedByOuter reports whether x, asserted at cur to the types inner, is
// the error that an enclosing type switch or "if _, ok := x.(T); ok"
// already tests, so that the outer check is the one to report: when the
// outer check is itself reported (it tells about the same value), or when
// the branch is one where x is known to hold one of the inner types (a case
// of those types, the body of that if), where the inner check re-asserts a
// known type and no wrapping can get in between.
func (c *checker) testedByOuter(cur inspector.Cursor, x ast.Expr, inner []types.Type) bool {
	info := c.pass.TypesInfo
	obj := match.ObjectOf(info, x)
	if _, ok := obj.(*types.Var); !ok {
		return false
	}
	known := func(outer []types.Type) bool {
		for _, t := range inner {
			if !slices.ContainsFunc(outer, func(o types.Type) bool { return o != nil && types.Identical(o, t) }) {
				return false
			}
		}
		return len(inner) > 0
	}
	pos := cur.Node().Pos()
	for p := range cur.Parent().Enclosing((*ast.CaseClause)(nil), (*ast.IfStmt)(nil), (*ast.FuncLit)(nil)) {
		switch n := p.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if pos < n.Body.Pos() || pos >= n.Body.End() {
				continue // in the init, the condition or the else branch
			}
			as, ok := n.Init.(*ast.AssignStmt)
			cond, ok2 := astutil.Unparen(n.Cond).(*ast.Ident)
			if !ok || !ok2 || len(as.Lhs) != 2 || len(as.Rhs) != 1 || info.ObjectOf(cond) != match.ObjectOf(info, as.Lhs[1]) {
				continue
			}
			ta, ok := astutil.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
			if !ok || !c.sameError(n, ta.X, obj) {
				continue
			}
			t := info.TypeOf(ta.Type)
			if !concreteErrorType(t) {
				continue
			}
			taCur, ok := p.FindNode(ta)
			if known([]types.Type{t}) || (ok && !c.exemptType(taCur, t, ta.X) && !c.asFallback(taCur, ta)) {
				return true
			}
		case *ast.CaseClause:
			if p.Parent().ParentEdgeKind() != edge.TypeSwitchStmt_Body {
				continue
			}
			tsCur := p.Parent().Parent()
			ts := tsCur.Node().(*ast.TypeSwitchStmt)
			ta, names := c.typeSwitchCases(tsCur, ts)
			if ta == nil || !c.sameError(ts, ta.X, obj) {
				continue
			}
			var clause []types.Type
			for _, e := range n.List {
				clause = append(clause, info.TypeOf(e))
			}
			if len(names) > 0 || known(clause) {
				return true
			}
		}
	}
	return false
}

// sameError reports whether obj is the variable that outer's assertion
// tests (x), or one that a type switch binds to it.
func (c *checker) sameError(outer ast.Node, x ast.Expr, obj types.Object) bool {
	info := c.pass.TypesInfo
	if match.ObjectOf(info, x) == obj {
		return true
	}
	if ts, ok := outer.(*ast.TypeSwitchStmt); ok {
		for _, stmt := range ts.Body.List {
			if info.Implicits[stmt] == obj {
				return true
			}
		}
	}
	return false
}
