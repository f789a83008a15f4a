package ctxprop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/ctxscope"
)

type sibKey struct {
	fn   *types.Func
	recv types.Type // the receiver's type, without pointer; nil for functions
}

// checkVariant reports a call of X where the context-taking variant sib
// exists. It returns true when it reported.
func (c *checker) checkVariant(cur inspector.Cursor, call *ast.CallExpr, sib *types.Func, nameID *ast.Ident) bool {
	src, m := c.scope.Locate(cur)
	if src == nil || m == ctxscope.Detached {
		return false
	}
	// Inside an implementation of the variant itself (XContext built on X).
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		if fc.Node().(*ast.FuncDecl).Name.Name == sib.Name() {
			return false
		}
	}
	if c.resultGetsContext(cur) || c.onShutdownPath(cur) {
		return false
	}
	if m == ctxscope.Goroutine || c.roots.Explained(call.Pos(), src.Func) {
		// In a goroutine, X often runs while the function selects on
		// ctx.Done() (cancellation by hand, as in grpc's TLS handshake), or
		// on purpose beyond the request.
		return false
	}
	isLog := ctxscope.IsLogCall(c.info, call)
	if isLog && !c.log {
		return false
	}
	what := funcName(match.Callee(c.info, call))
	var fixes []analysis.SuggestedFix
	if fix, ok := c.variantFix(call, nameID, sib, src); ok && !c.inCleanupLike(cur) {
		fixes = append(fixes, fix)
	}
	harm := "the work is not cancelled when the request is, ignores its deadline and leaves its trace"
	if isLog {
		harm = "the log entry loses the request's trace and values"
	}
	c.rep.Report(nameID, CategoryVariant, fmt.Sprintf("%s drops %s: %s; call %s(%s, ...) instead",
		what, src.Expr, harm, sib.Name(), src.Expr), fixes...)
	return true
}

// variantFix renames the call to the variant and passes the context
// first.
func (c *checker) variantFix(call *ast.CallExpr, nameID *ast.Ident, sib *types.Func, src *ctxscope.Source) (analysis.SuggestedFix, bool) {
	if sel, isSel := c.info.Selections[c.selectorOf(call)]; isSel && sel != nil {
		// A method that needs a pointer receiver, on a value that is not
		// addressable: newT().FetchContext(...) would not compile.
		_, recvPtr := types.Unalias(sel.Recv()).(*types.Pointer)
		_, sibPtr := types.Unalias(sib.Signature().Recv().Type()).(*types.Pointer)
		if sibPtr && !recvPtr && !c.addressable(c.selectorOf(call).X) {
			return analysis.SuggestedFix{}, false
		}
	} else {
		// A package-level function: unqualified (same package or dot
		// import), the new name must resolve to the variant there.
		if id, ok := c.funFunc(call).(*ast.Ident); ok && id == nameID {
			if c.scope.Lookup(sib.Name(), call.Pos()) != types.Object(sib.Origin()) {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	edits := []analysis.TextEdit{{Pos: nameID.Pos(), End: nameID.End(), NewText: []byte(sib.Name())}}
	if len(call.Args) == 0 {
		edits = append(edits, analysis.TextEdit{Pos: call.Rparen, End: call.Rparen, NewText: []byte(src.Expr)})
	} else {
		sep := ", "
		if tf := c.pass.Fset.File(call.Lparen); tf != nil && tf.Line(call.Lparen) != tf.Line(call.Args[0].Pos()) {
			sep = ","
		}
		edits = append(edits, analysis.TextEdit{Pos: call.Args[0].Pos(), End: call.Args[0].Pos(), NewText: []byte(src.Expr + sep)})
		if sep == "," {
			edits[1] = analysis.TextEdit{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(src.Expr + ",")}
		}
	}
	return analysis.SuggestedFix{Message: fmt.Sprintf("Call %s with %s", sib.Name(), src.Expr), TextEdits: edits}, true
}

// variantOf returns the context-taking variant of the function or method
// that call calls, and the identifier that names it in the call.
func (c *checker) variantOf(call *ast.CallExpr) (*types.Func, *ast.Ident, bool) {
	sig, _ := types.Unalias(c.info.TypeOf(call.Fun)).(*types.Signature)
	if sig == nil {
		return nil, nil, false
	}
	for v := range sig.Params().Variables() {
		if ctxscope.IsContext(v.Type()) {
			return nil, nil, false // takes a context already, in some position
		}
	}
	var (
		fn     *types.Func
		nameID *ast.Ident
		key    sibKey
	)
	switch f := c.funFunc(call).(type) {
	case *ast.Ident:
		fn, _ = c.info.Uses[f].(*types.Func)
		nameID = f
	case *ast.SelectorExpr:
		nameID = f.Sel
		if sel, ok := c.info.Selections[f]; ok {
			if sel.Kind() != types.MethodVal {
				return nil, nil, false // a method expression or a field of func type
			}
			fn, _ = sel.Obj().(*types.Func)
			// Look the variant up as on an addressable value: when the
			// receiver is not addressable and the variant needs a pointer,
			// the finding stands but has no fix.
			key.recv = sel.Recv()
			if p, ok := types.Unalias(key.recv).(*types.Pointer); ok {
				key.recv = p.Elem()
			}
		} else {
			fn, _ = c.info.Uses[f.Sel].(*types.Func)
		}
	default:
		return nil, nil, false
	}
	if fn == nil || fn.Pkg() == nil || fn.Name() == "Wait" {
		// WaitContext abandons only the wait, not the work: code that
		// waits often needs the work finished (to reuse its buffers).
		return nil, nil, false
	}
	key.fn = fn
	generic := fn.Origin().Signature().TypeParams().Len() > 0 || fn.Origin().Signature().RecvTypeParams().Len() > 0
	if !generic {
		if sib, ok := c.siblings[key]; ok {
			return sib, nameID, sib != nil
		}
	}
	sib := c.findVariant(fn, sig, key, nameID)
	if !generic {
		c.siblings[key] = sib
	}
	return sib, nameID, sib != nil
}

// findVariant looks up the variants of fn (whose instantiated signature at
// the call is sig) and returns the first that takes a context first and
// otherwise the same parameters and results.
func (c *checker) findVariant(fn *types.Func, sig *types.Signature, key sibKey, nameID *ast.Ident) *types.Func {
	for _, s := range ctxscope.Suffixes {
		name := fn.Name() + s
		var cand *types.Func
		if key.recv != nil {
			obj, _, _ := types.LookupFieldOrMethod(key.recv, true, c.pass.Pkg, name)
			cand, _ = obj.(*types.Func)
		} else {
			if fn.Signature().Recv() != nil {
				return nil
			}
			cand, _ = fn.Pkg().Scope().Lookup(name).(*types.Func)
			if cand != nil && !cand.Exported() && cand.Pkg() != c.pass.Pkg {
				cand = nil
			}
		}
		if cand == nil || c.scope.Deprecated(cand) {
			continue
		}
		csig := cand.Signature()
		if csig.TypeParams().Len() > 0 {
			inst, ok := c.info.Instances[nameID]
			if !ok || inst.TypeArgs.Len() != csig.TypeParams().Len() {
				continue
			}
			targs := make([]types.Type, inst.TypeArgs.Len())
			for i := range targs {
				targs[i] = inst.TypeArgs.At(i)
			}
			t, err := types.Instantiate(nil, csig, targs, true)
			if err != nil {
				continue
			}
			csig, _ = t.(*types.Signature)
			if csig == nil {
				continue
			}
		}
		if sameButContext(sig, csig) {
			return cand
		}
	}
	return nil
}

// sameButContext reports whether variant takes a context first and
// otherwise the parameters and results of sig.
func sameButContext(sig, variant *types.Signature) bool {
	p, vp := sig.Params(), variant.Params()
	if vp.Len() != p.Len()+1 || !ctxscope.IsContext(vp.At(0).Type()) || sig.Variadic() != variant.Variadic() {
		return false
	}
	for i := range p.Len() {
		if !types.Identical(p.At(i).Type(), vp.At(i+1).Type()) {
			return false
		}
	}
	r, vr := sig.Results(), variant.Results()
	if r.Len() != vr.Len() {
		return false
	}
	for i := range r.Len() {
		if !types.Identical(r.At(i).Type(), vr.At(i).Type()) {
			return false
		}
	}
	return true
}

// addressable reports whether e is addressable, conservatively.
func (c *checker) addressable(e ast.Expr) bool {
	switch x := astutil.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := c.info.Uses[x].(*types.Var)
		return ok
	case *ast.StarExpr:
		return true
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			if _, isPtr := types.Unalias(c.info.TypeOf(x.X)).(*types.Pointer); isPtr {
				return true
			}
			return c.addressable(x.X)
		}
		_, ok := c.info.Uses[x.Sel].(*types.Var) // a package variable
		return ok
	case *ast.IndexExpr:
		switch t := c.info.TypeOf(x.X).Underlying().(type) {
		case *types.Slice:
			return true
		case *types.Array:
			return c.addressable(x.X)
		case *types.Pointer:
			_ = t
			return true
		}
	}
	return false
}

// hasVariantName reports whether something named like a context variant of
// fn is declared next to it (a method of its receiver type, or a function
// of its package).
func hasVariantName(fn *types.Func) bool {
	fn = fn.Origin()
	for _, s := range ctxscope.Suffixes {
		if recv := fn.Signature().Recv(); recv != nil {
			if obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), fn.Name()+s); obj != nil {
				return true
			}
		} else if fn.Pkg() != nil && fn.Pkg().Scope().Lookup(fn.Name()+s) != nil {
			return true
		}
	}
	return false
}
