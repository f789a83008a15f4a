package errwrap

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// A cause is what a lost error may hold that callers test for: desc names
// it for the message ("" when none is found), and context marks the errors
// of ctx.Err(), context.Cause and context's sentinels.
type cause struct {
	desc    string
	context bool
}

// Under -errwrap.causes=tested a lost cause is reported when callers can
// test for it: a sentinel, a context error, an error of a standard-library
// call that callers test, an error of a dependency that exports error
// identities, or one of these passed on by a helper of this package. Under
// the default, context, only context errors count: on real modules they
// were the only lost causes that callers did test for.

// contextOnly reports whether only context errors count as causes.
func (c *checker) contextOnly() bool {
	return !c.strict && c.causes == causesContext
}

// causeOf describes the cause that the error e at cur may hold, or returns
// a zero cause when none of its sources is one. depth counts the
// same-package helpers followed (one level).
func (c *checker) causeOf(cur inspector.Cursor, e ast.Expr, depth int) cause {
	e = astutil.Unparen(e)
	ctxOnly := c.contextOnly()
	if v := c.origin.Sentinel(e); v != nil && (!ctxOnly || contextSentinel(v)) {
		return sentinelCause(v)
	}
	if !ctxOnly {
		if d := exportedErrType(c.pass.TypesInfo.TypeOf(e)); d != "" {
			return cause{desc: d}
		}
	}
	if v := c.localSentinel(cur, e); v != nil && (!ctxOnly || contextSentinel(v)) {
		return sentinelCause(v)
	}
	calls, _ := c.origin.Sources(cur, e)
	for _, s := range calls {
		if d := c.callCause(s, depth); d.desc != "" {
			return d
		}
	}
	return cause{}
}

// contextSentinel reports whether v is context.Canceled or
// context.DeadlineExceeded.
func contextSentinel(v *types.Var) bool {
	return match.Var(v, "context", "Canceled") || match.Var(v, "context", "DeadlineExceeded")
}

func sentinelCause(v *types.Var) cause {
	if contextSentinel(v) {
		return cause{desc: "the context error " + qualified(v), context: true}
	}
	return cause{desc: "the sentinel " + qualified(v)}
}

// localSentinel returns a sentinel that the local variable e is assigned in
// its function (err := io.EOF), which errorigin's Sources leaves out.
func (c *checker) localSentinel(cur inspector.Cursor, e ast.Expr) *types.Var {
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	fnCur, kind := errorigin.DeclaringFunc(cur, v)
	if kind != errorigin.LocalVar && kind != errorigin.ResultVar {
		return nil
	}
	assigns, _ := c.origin.Assignments(fnCur, v)
	for _, a := range assigns {
		if a.Value != nil {
			if s := c.origin.Sentinel(a.Value); s != nil {
				return s
			}
		}
	}
	return nil
}

// exportedErrType describes t when it is a concrete exported error type,
// which callers can reach with errors.As.
func exportedErrType(t types.Type) string {
	if t == nil || types.IsInterface(t) || !isError(t) {
		return ""
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !n.Obj().Exported() || n.Obj().Pkg() == nil {
		return ""
	}
	return "the error type " + n.Obj().Pkg().Name() + "." + n.Obj().Name()
}

// callCause describes the errors that the call of s may return and that
// callers test for.
func (c *checker) callCause(s errorigin.Site, depth int) cause {
	fn := match.Callee(c.pass.TypesInfo, s.Call)
	if fn == nil || fn.Pkg() == nil || localData(fn.Name()) {
		return cause{}
	}
	path := fn.Pkg().Path()
	switch {
	case match.Method(fn, "context", "Context", "Err") || match.Func(fn, "context", "Cause"):
		return cause{desc: fmt.Sprintf("the context error from %s()", short(s.Call.Fun)), context: true}
	case fn.Pkg() == c.pass.Pkg:
		if depth > 0 {
			return cause{}
		}
		if d := c.helperCause(fn, depth+1); d.desc != "" {
			d.desc = fmt.Sprintf("%s (returned by %s)", d.desc, funcName(fn))
			return d
		}
	case c.contextOnly():
	case stdTestedCall(fn):
		return cause{desc: fmt.Sprintf("the %s error from %s", path, funcName(fn))}
	case isStd(path):
	default:
		if d := c.identities(fn.Pkg()); d != "" {
			return cause{desc: fmt.Sprintf("the errors of package %s (it exports %s)", fn.Pkg().Name(), d)}
		}
	}
	return cause{}
}

// helperCause describes the errors that a function of this package returns
// and that callers test for: a sentinel, or an error of such a source
// passed on unwrapped or with %w.
func (c *checker) helperCause(fn *types.Func, depth int) cause {
	fnCur, ok := c.declCur[fn]
	if !ok {
		return cause{}
	}
	res := fn.Signature().Results()
	idx := -1
	for i := range res.Len() {
		if isError(res.At(i).Type()) {
			idx = i
		}
	}
	if idx < 0 {
		return cause{}
	}
	for rc := range fnCur.Preorder((*ast.ReturnStmt)(nil)) {
		ret := rc.Node().(*ast.ReturnStmt)
		if errorigin.InnermostFunc(rc) != fnCur || len(ret.Results) != res.Len() {
			continue
		}
		e := astutil.Unparen(ret.Results[idx])
		if errorigin.IsNil(c.pass.TypesInfo, e) {
			continue
		}
		for _, x := range c.wrapped(e) {
			if d := c.causeOf(rc, x, depth); d.desc != "" {
				return d
			}
		}
	}
	return cause{}
}

// wrapped returns the errors that e passes on: the %w operands of
// fmt.Errorf, or e itself.
func (c *checker) wrapped(e ast.Expr) []ast.Expr {
	call, ok := e.(*ast.CallExpr)
	if !ok || !match.Func(match.Callee(c.pass.TypesInfo, call), "fmt", "Errorf") {
		return []ast.Expr{e}
	}
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return nil
	}
	tv := c.pass.TypesInfo.Types[call.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	dirs, ok := parseFormat(constant.StringVal(tv.Value), len(call.Args)-1)
	if !ok {
		return nil
	}
	var out []ast.Expr
	for _, d := range dirs {
		if d.verb == 'w' {
			out = append(out, call.Args[1+d.arg])
		}
	}
	return out
}

// identities describes the exported error sentinels or error types that
// pkg declares, or returns "" when it declares none: then nothing its
// callers could test for.
func (c *checker) identities(pkg *types.Package) string {
	if d, ok := c.idents[pkg]; ok {
		return d
	}
	d, typ := "", ""
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Var:
			if validType(obj.Type()) && types.Implements(obj.Type(), errorIface) {
				d = "sentinels such as " + pkg.Name() + "." + name
			}
		case *types.TypeName:
			if typ == "" && !types.IsInterface(obj.Type()) && types.Implements(types.NewPointer(obj.Type()), errorIface) {
				typ = "error types such as " + pkg.Name() + "." + name
			}
		}
		if d != "" {
			break
		}
	}
	if d == "" {
		d = typ
	}
	c.idents[pkg] = d
	return d
}

func validType(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return t != nil && (!ok || b.Kind() != types.Invalid)
}

// localData reports whether a callee's name says it parses, decodes,
// converts or validates local data: its errors describe bad input, which
// callers report but do not branch on.
func localData(name string) bool {
	for _, p := range []string{"Parse", "Unmarshal", "Decode", "Marshal", "Encode", "Validate", "Convert", "Atoi"} {
		if len(name) >= len(p) && strings.EqualFold(name[:1], p[:1]) && name[1:len(p)] == p[1:] {
			rest := name[len(p):]
			if rest == "" || !unicode.IsLower(rune(rest[0])) {
				return true
			}
		}
	}
	return false
}

// isStd reports whether path is a standard-library package: its first
// element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// qualified renders a package-level object as pkg.Name.
func qualified(obj types.Object) string {
	return obj.Pkg().Name() + "." + obj.Name()
}

// funcName renders fn as pkg.F or (*pkg.T).M.
func funcName(fn *types.Func) string {
	if r := fn.Signature().Recv(); r != nil {
		return "(" + types.TypeString(r.Type(), (*types.Package).Name) + ")." + fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// leaves reports whether the error built by the call at cur leaves its
// function to a caller: returned, directly or through a local variable or
// a named result, possibly gathered with append or errors.Join. An error
// sent, stored in a field or passed to another function is not counted:
// when in doubt, no report.
func (c *checker) leaves(cur inspector.Cursor) bool {
	for range 4 {
		for cur.ParentEdgeKind() == edge.ParenExpr_X {
			cur = cur.Parent()
		}
		kind, idx := cur.ParentEdge()
		switch kind {
		case edge.ReturnStmt_Results:
			return true
		case edge.CallExpr_Args:
			call := cur.Parent().Node().(*ast.CallExpr)
			if !c.gathers(call) {
				return false
			}
			cur = cur.Parent()
		case edge.AssignStmt_Rhs:
			as := cur.Parent().Node().(*ast.AssignStmt)
			return len(as.Lhs) == len(as.Rhs) && c.returnedVar(cur, as.Lhs[idx])
		case edge.ValueSpec_Values:
			vs := cur.Parent().Node().(*ast.ValueSpec)
			return len(vs.Names) == len(vs.Values) && c.returnedVar(cur, vs.Names[idx])
		default:
			return false
		}
	}
	return false
}

// gathers reports whether call collects its error arguments into its
// result: append or errors.Join.
func (c *checker) gathers(call *ast.CallExpr) bool {
	if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok {
			return b.Name() == "append"
		}
	}
	return match.Func(match.Callee(c.pass.TypesInfo, call), "errors", "Join")
}

// returnedVar reports whether the variable lhs, assigned at cur, is a named
// result or a local variable that a return statement of its function uses.
func (c *checker) returnedVar(cur inspector.Cursor, lhs ast.Expr) bool {
	id, ok := astutil.Unparen(lhs).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	fnCur, kind := errorigin.DeclaringFunc(cur, v)
	switch kind {
	case errorigin.ResultVar:
		return true
	case errorigin.LocalVar:
	default:
		return false
	}
	for rc := range fnCur.Preorder((*ast.ReturnStmt)(nil)) {
		if errorigin.InnermostFunc(rc) != fnCur {
			continue
		}
		for idc := range rc.Preorder((*ast.Ident)(nil)) {
			if c.pass.TypesInfo.Uses[idc.Node().(*ast.Ident)] == v {
				return true
			}
		}
	}
	return false
}
