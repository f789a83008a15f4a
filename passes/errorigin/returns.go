package errorigin

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// ReturnsUnwrapped reports whether fn, a function or concrete method
// declared in this package, can only return the sentinel v itself, never
// wrapped: every error it returns is nil, a sentinel, an error made fresh
// (errors.New, fmt.Errorf without %w), a value of an error type without an
// Unwrap method, or the result of a call that cannot carry v wrapped. A
// wrapping call (fmt.Errorf with %w, errors.Join...) is allowed only when
// none of its arguments can hold v.
func (r *Result) ReturnsUnwrapped(fn *types.Func, v *types.Var) bool {
	return r.returnsUnwrapped(fn, v, false, 0)
}

// returnsUnwrapped, with never set, reports whether fn cannot return v at
// all, wrapped or not.
func (r *Result) returnsUnwrapped(fn *types.Func, v *types.Var, never bool, depth int) bool {
	if fn == nil || depth > 3 || fn.Pkg() != r.pass.Pkg || match.InterfaceMethod(fn) {
		return false
	}
	fnCur, ok := r.declOf(fn.Origin())
	if !ok {
		return false
	}
	res := fn.Origin().Type().(*types.Signature).Results()
	isErr := func(t types.Type) bool { return types.Implements(t, errorIface) }
	return errorReturns(fnCur, res, isErr, func(rc inspector.Cursor, i int, e ast.Expr, bare bool) bool {
		if !bare {
			return e != nil && r.cannotCarry(rc, e, v, never, depth)
		}
		// A bare return: whatever the named result was assigned.
		assigns, ok := r.Assignments(fnCur, res.At(i))
		if !ok {
			return false
		}
		for _, a := range assigns {
			if a.Value == nil || !r.cannotCarry(a.Cur, a.Value, v, never, depth) {
				return false
			}
		}
		return true
	})
}

// errorReturns calls f for each result of type isErr of each return
// statement of the function at fnCur (not of its function literals), with
// the statement, the result's index and the value returned (nil when
// unknown); bare is set for a bare return. It stops at, and reports, the
// first false.
func errorReturns(fnCur inspector.Cursor, res *types.Tuple, isErr func(types.Type) bool, f func(rc inspector.Cursor, i int, e ast.Expr, bare bool) bool) bool {
	for rc := range fnCur.Preorder((*ast.ReturnStmt)(nil)) {
		if InnermostFunc(rc) != fnCur {
			continue
		}
		ret := rc.Node().(*ast.ReturnStmt)
		for i := range res.Len() {
			if !isErr(res.At(i).Type()) {
				continue
			}
			var e ast.Expr
			if len(ret.Results) > 0 {
				e = valueAt(make([]ast.Expr, res.Len()), ret.Results, i)
			}
			if !f(rc, i, e, len(ret.Results) == 0) {
				return false
			}
		}
	}
	return true
}

// cannotCarry reports whether the error e, evaluated at cur, cannot hold
// the sentinel v wrapped; with never set, whether it cannot hold v at all.
func (r *Result) cannotCarry(cur inspector.Cursor, e ast.Expr, v *types.Var, never bool, depth int) bool {
	info := r.pass.TypesInfo
	e = astutil.Unparen(e)
	if never && r.holdsSentinel(cur, e, v) {
		return false
	}
	if IsNil(info, e) || r.Sentinel(e) != nil {
		return true
	}
	switch x := e.(type) {
	case *ast.UnaryExpr, *ast.CompositeLit:
		// &myError{...}: only its Unwrap method could lead to v.
		t := info.TypeOf(x)
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Unwrap")
		return validType(t) && obj == nil
	case *ast.CallExpr:
		if isConversion(info, x) {
			return len(x.Args) == 1 && r.cannotCarry(cur, x.Args[0], v, never, depth)
		}
		return r.callCannotCarry(cur, x, v, never, depth)
	case *ast.Ident:
		calls, complete := r.Sources(cur, x)
		if !complete {
			return false
		}
		for _, s := range calls {
			if !r.callCannotCarry(s.Cur, s.Call, v, never, depth) {
				return false
			}
		}
		return true
	}
	return false
}

func (r *Result) callCannotCarry(cur inspector.Cursor, call *ast.CallExpr, v *types.Var, never bool, depth int) bool {
	fn := match.Callee(r.pass.TypesInfo, call)
	if fn == nil {
		return false // a function value
	}
	if r.WrapsArgs(call) {
		for _, arg := range call.Args {
			if t := r.pass.TypesInfo.TypeOf(arg); validType(t) && types.Implements(t, errorIface) &&
				!r.cannotCarry(cur, arg, v, true, depth+1) {
				return false
			}
		}
		return true
	}
	if match.Func(fn, "errors", "New") || match.Func(fn, "fmt", "Errorf") {
		return true // fresh, and WrapsArgs said it wraps nothing
	}
	if fn.Pkg() == r.pass.Pkg {
		return r.returnsUnwrapped(fn, v, never, depth+1)
	}
	// Code of another package cannot return an unexported sentinel of
	// this one, unless handed it through a callback; exported ones may
	// come back from anywhere.
	return !v.Exported() && fn.Pkg() != nil
}

// holdsSentinel reports whether e is v, or a local variable that its
// function assigns v to anywhere.
func (r *Result) holdsSentinel(cur inspector.Cursor, e ast.Expr, v *types.Var) bool {
	if s := r.Sentinel(e); s != nil {
		return s == v
	}
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	lv, _ := r.pass.TypesInfo.Uses[id].(*types.Var)
	if lv == nil {
		return false
	}
	fnCur, kind := DeclaringFunc(cur, lv)
	if kind == UnknownVar {
		return true
	}
	assigns, ok := r.Assignments(fnCur, lv)
	if !ok {
		return true
	}
	for _, a := range assigns {
		if a.Value != nil && r.Sentinel(a.Value) == v {
			return true
		}
	}
	return false
}

// declOf returns the declaration of fn, a function of this package.
func (r *Result) declOf(fn *types.Func) (inspector.Cursor, bool) {
	r.declsOnce.Do(func() {
		r.decls = map[*types.Func]inspector.Cursor{}
		for cur := range r.root.Preorder((*ast.FuncDecl)(nil)) {
			fd := cur.Node().(*ast.FuncDecl)
			if f, ok := r.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && fd.Body != nil {
				r.decls[f] = cur
			}
		}
	})
	cur, ok := r.decls[fn]
	return cur, ok
}
