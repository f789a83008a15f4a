package ctxscope

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// honorsCtx is the fact that a function with a context parameter reacts to
// it: it waits on Done, checks Err or Deadline, or hands the context to a
// function that does (or to an interface method). A new root context
// handed to a function that only logs or records metrics with it loses
// nothing the caller could give.
type honorsCtx struct {
	Honors bool // always true; gob needs an exported field
}

func (*honorsCtx) AFact() {}

func (*honorsCtx) String() string { return "honorsCtx" }

// findHonors finds the functions of the package that react to their
// context parameter and exports a honorsCtx fact for each.
func (r *Result) findHonors(root inspector.Cursor) {
	type cand struct {
		fn      *types.Func
		callees []*types.Func // same-package functions it hands a context to
	}
	var cands []*cand
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, _ := r.info.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil || !hasContextParam(fn.Signature()) {
			continue
		}
		cd := &cand{fn: fn}
		direct := false
		for callCur := range cur.ChildAt(edge.FuncDecl_Body, -1).Preorder((*ast.CallExpr)(nil), (*ast.KeyValueExpr)(nil), (*ast.AssignStmt)(nil)) {
			if r.storesContext(callCur.Node()) {
				direct = true // the object it builds carries the context: &Request{ctx: ctx}
				break
			}
			call, ok := callCur.Node().(*ast.CallExpr)
			if !ok {
				continue
			}
			if r.isCtxMethodCall(call, "Done") || r.isCtxMethodCall(call, "Err") || r.isCtxMethodCall(call, "Deadline") {
				direct = true
				break
			}
			if !r.passesContext(call) {
				continue
			}
			callee := match.Callee(r.info, call)
			switch {
			case callee == nil || IsLogCall(r.info, call) || IsDerivation(r.info, call):
			case callee.Pkg() == r.pass.Pkg && !match.InterfaceMethod(callee):
				cd.callees = append(cd.callees, callee)
			case r.Honors(call):
				direct = true
			}
			if direct {
				break
			}
		}
		if direct {
			r.honors[fn] = true
		} else if len(cd.callees) > 0 {
			cands = append(cands, cd)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, cd := range cands {
			if r.honors[cd.fn] {
				continue
			}
			for _, callee := range cd.callees {
				if r.honors[callee] {
					r.honors[cd.fn] = true
					changed = true
					break
				}
			}
		}
	}
	for fn := range r.honors {
		if fn.Exported() { // other packages can call only those
			r.pass.ExportObjectFact(fn, &honorsCtx{Honors: true})
		}
	}
}

// storesContext reports whether n stores a context parameter or local in
// a struct: a keyed element (Request{ctx: ctx}) or a field assignment
// (r.ctx = ctx).
func (r *Result) storesContext(n ast.Node) bool {
	isCtxVar := func(e ast.Expr) bool {
		id, ok := astutil.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := r.info.Uses[id].(*types.Var)
		return ok && v != nil && IsContext(v.Type()) && !v.IsField()
	}
	switch n := n.(type) {
	case *ast.KeyValueExpr:
		return isCtxVar(n.Value)
	case *ast.AssignStmt:
		for i, l := range n.Lhs {
			if _, isSel := astutil.Unparen(l).(*ast.SelectorExpr); isSel && i < len(n.Rhs) && len(n.Lhs) == len(n.Rhs) && isCtxVar(n.Rhs[i]) {
				return true
			}
		}
	}
	return false
}

// passesContext reports whether one of call's arguments is a context.
func (r *Result) passesContext(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if IsContext(r.info.TypeOf(a)) {
			if inner, ok := astutil.Unparen(a).(*ast.CallExpr); ok {
				if _, root := IsRootCall(r.info, inner); root {
					continue
				}
			}
			return true
		}
	}
	return false
}

func hasContextParam(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if IsContext(v.Type()) {
			return true
		}
	}
	return false
}

// Honors reports whether the function that call calls reacts to the
// context it is given: by its fact, by this package's analysis, or because
// it is context.AfterFunc. Interface methods and function values count as
// not reacting: their implementations are unknown.
func (r *Result) Honors(call *ast.CallExpr) bool {
	callee := match.Callee(r.info, call)
	switch {
	case callee == nil || IsLogCall(r.info, call):
		return false
	case match.InterfaceMethod(callee):
		return false // implementations unknown: some only log or track in memory
	case match.Func(callee, "context", "AfterFunc"):
		return true
	case callee.Pkg() == r.pass.Pkg:
		return r.honors[callee.Origin()]
	case callee.Pkg() != nil:
		return r.pass.ImportObjectFact(callee.Origin(), new(honorsCtx))
	}
	return false
}

// logPrefixes start the names of logging functions and methods.
var logPrefixes = []string{"Print", "Log", "Debug", "Info", "Warn", "Error", "Fatal", "Trace", "Notice", "Critical"}

// IsLogCall reports whether call logs: a function or method with a logging
// name that returns nothing.
func IsLogCall(info *types.Info, call *ast.CallExpr) bool {
	sig, ok := types.Unalias(info.TypeOf(call.Fun)).(*types.Signature)
	if !ok || sig.Results().Len() != 0 {
		return false
	}
	name := CalleeName(call)
	for _, p := range logPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// CalleeName returns the name of the function or method called, as
// written.
func CalleeName(call *ast.CallExpr) string {
	switch f := astutil.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.IndexExpr:
		return CalleeName(&ast.CallExpr{Fun: f.X})
	case *ast.IndexListExpr:
		return CalleeName(&ast.CallExpr{Fun: f.X})
	}
	return ""
}
