package errcmp

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// ---- Exemptions ----

// inIsMethod reports whether cur lies in an Is or As method: its target is
// compared or asserted directly by design, and errors.Is there would recurse.
func inIsMethod(cur inspector.Cursor) bool {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := fc.Node().(*ast.FuncDecl)
		if fd.Recv != nil && (fd.Name.Name == "Is" || fd.Name.Name == "As") &&
			fd.Type.Params != nil && fd.Type.Params.NumFields() == 1 {
			return true
		}
	}
	return false
}

// unwrapped reports whether value, compared with or asserted to target (a
// key of the contract table), is known to hold target unwrapped: it comes
// from a call whose contract says so, or from a call into this package.
func (c *checker) unwrapped(cur inspector.Cursor, value ast.Expr, target string, trustOwn bool) bool {
	for _, ct := range contracts {
		if ct.target == target {
			for _, s := range ct.from {
				if s.recv == "*" && s.name == "*" {
					return true
				}
			}
		}
	}
	calls, complete := c.origin.Sources(cur, value)
	for _, call := range calls {
		if c.allowedCall(call, "*", false) {
			return true // a link of a chain unwrapped by hand
		}
		if c.callee(call) == nil {
			complete = false // a function value: its origin is unknown
		}
	}
	if !complete || len(calls) == 0 {
		return !complete && quietWhenUnknown[target]
	}
	for _, call := range calls {
		if !c.allowedCall(call, target, trustOwn) {
			return false
		}
	}
	return true
}

// callee returns the function that call invokes: the static callee, or the
// method or function that a local variable holding a method value or a
// function refers to (read := r.Read; read(b)).
func (c *checker) callee(ca errorigin.Site) *types.Func {
	if fn := match.Callee(c.pass.TypesInfo, ca.Call); fn != nil {
		return fn
	}
	id, ok := astutil.Unparen(ca.Call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	fnCur, kind := errorigin.DeclaringFunc(ca.Cur, v)
	if kind != errorigin.LocalVar {
		return nil
	}
	assigns, ok := c.origin.Assignments(fnCur, v)
	if !ok || len(assigns) == 0 {
		return nil
	}
	var fn *types.Func
	for _, a := range assigns {
		f, _ := match.ObjectOf(c.pass.TypesInfo, a.Value).(*types.Func)
		if f == nil || (fn != nil && f.Origin() != fn) {
			return nil
		}
		fn = f.Origin()
	}
	return fn
}

func (c *checker) allowedCall(ca errorigin.Site, target string, trustOwn bool) bool {
	if trustOwn {
		// A package-level variable of this package holding a function
		// (var readFull = func(...) {...}, swapped by tests).
		if v, ok := match.ObjectOf(c.pass.TypesInfo, ca.Call.Fun).(*types.Var); ok && !v.IsField() &&
			v.Pkg() == c.pass.Pkg && v.Parent() == v.Pkg().Scope() {
			return true
		}
	}
	fn := c.callee(ca)
	if fn == nil {
		return false
	}
	if trustOwn && c.ownCode(fn.Pkg()) && !c.openInterfaceMethod(fn) {
		return true
	}
	if target != "*" {
		for _, s := range freshErrors {
			if s.matches(fn) && !c.origin.WrapsArgs(ca.Call) {
				return true
			}
		}
	}
	for _, ct := range contracts {
		if ct.target != target && (ct.target != "*" || target == "*") {
			continue
		}
		for _, s := range ct.from {
			if s.matches(fn) {
				return true
			}
		}
	}
	return false
}

func (s source) matches(fn *types.Func) bool {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return false
	}
	switch s.recv {
	case "*":
		if s.name == "*" {
			return true
		}
		if sig.Recv() == nil || fn.Name() != s.name {
			return false
		}
		if s.shape != "" && shapeOf(sig) != s.shape {
			return false
		}
		if s.needs != "" && !hasMethod(sig.Recv().Type(), s.needs) {
			return false
		}
		return true
	case "":
		if s.name == "*" {
			return sig.Recv() == nil && fn.Pkg() != nil && fn.Pkg().Path() == s.pkg
		}
		return match.Func(fn, s.pkg, s.name)
	default:
		return match.Method(fn, s.pkg, s.recv, s.name)
	}
}

// shapeOf writes a signature without parameter names, such as
// "func([]byte) (int, error)".
func shapeOf(sig *types.Signature) string {
	list := func(t *types.Tuple, variadic bool) []string {
		out := make([]string, t.Len())
		for i := range out {
			ty := t.At(i).Type()
			if variadic && i == t.Len()-1 {
				if s, ok := ty.(*types.Slice); ok {
					out[i] = "..." + types.TypeString(s.Elem(), nil)
					continue
				}
			}
			out[i] = types.TypeString(ty, nil)
		}
		return out
	}
	s := "func(" + strings.Join(list(sig.Params(), sig.Variadic()), ", ") + ")"
	switch res := list(sig.Results(), false); len(res) {
	case 0:
	case 1:
		s += " " + res[0]
	default:
		s += " (" + strings.Join(res, ", ") + ")"
	}
	s = strings.ReplaceAll(s, "uint8", "byte")
	return strings.ReplaceAll(s, "int32", "rune")
}

// ownCode reports whether pkg is this package or an internal package of the
// same tree (a/internal/b seen from a or a/c): code of the same project,
// whose errors the package knows.
func (c *checker) ownCode(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	if pkg == c.pass.Pkg {
		return true
	}
	path := pkg.Path()
	i := strings.LastIndex(path, "/internal/")
	if i < 0 {
		return false
	}
	root := path[:i]
	return c.pass.Pkg.Path() == root || strings.HasPrefix(c.pass.Pkg.Path(), root+"/")
}

// ownerReturnsUnwrapped reports whether every value compared with v, a
// sentinel of another package, comes straight from a concrete function or
// method (not an interface method, whose implementations may live anywhere)
// of v's own package, or of this module, when v's package never wraps v:
// the package that defines the sentinel returns it as is.
func (c *checker) ownerReturnsUnwrapped(cur inspector.Cursor, v *types.Var, value ast.Expr) bool {
	if v.Pkg() == c.pass.Pkg || c.origin.SentinelWrapped(v) {
		return false
	}
	// A field of an error type of v's package (strconv.NumError.Err): the
	// package stores the sentinel there itself.
	if sel, ok := astutil.Unparen(value).(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.FieldVal {
			return s.Obj().Pkg() == v.Pkg() && implementsError(s.Recv())
		}
	}
	calls, complete := c.origin.Sources(cur, value)
	if !complete || len(calls) == 0 {
		return false
	}
	for _, ca := range calls {
		fn := c.callee(ca)
		if fn == nil || fn.Pkg() == nil || match.InterfaceMethod(fn) {
			return false
		}
		if fn.Pkg() != v.Pkg() && !c.sameModule(fn.Pkg()) {
			return false
		}
	}
	return true
}

// openInterfaceMethod reports whether fn is a method of an exported
// interface of a package outside internal/: users implement those, in any
// package, and may wrap the errors they return. Implementations of
// unexported and internal interfaces belong to the project.
func (c *checker) openInterfaceMethod(fn *types.Func) bool {
	if !match.InterfaceMethod(fn) {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv().Type()
	named, _ := types.Unalias(recv).(*types.Named)
	if named == nil || !named.Obj().Exported() {
		return false
	}
	path := fn.Pkg().Path()
	return !strings.Contains(path, "/internal/") && !strings.HasSuffix(path, "/internal") && !strings.HasPrefix(path, "internal/")
}

// sameModule reports whether pkg belongs to the module being analyzed.
func (c *checker) sameModule(pkg *types.Package) bool {
	m := c.pass.Module
	if m == nil || m.Path == "" {
		return false
	}
	return pkg.Path() == m.Path || strings.HasPrefix(pkg.Path(), m.Path+"/")
}

// exemptSentinel reports whether comparing value with sentinel v at cur is
// known to work.
func (c *checker) exemptSentinel(cur inspector.Cursor, v *types.Var, value ast.Expr) bool {
	if inIsMethod(cur) || c.ownField(value) {
		return true
	}
	own := v.Pkg() == c.pass.Pkg
	if own && !c.origin.SentinelWrapped(v) && !c.exportedParam(cur, value) {
		// Only this package makes v, and it never wraps it; what others
		// make of it comes back through the parameters of its exported
		// functions.
		return true
	}
	if c.ownerReturnsUnwrapped(cur, v, value) || (own && c.helpersReturnUnwrapped(cur, v, value)) {
		return true
	}
	return c.unwrapped(cur, value, varKey(v), !own || !c.origin.SentinelWrapped(v))
}

// ownField reports whether value is a field of a struct type of this
// package: the package stores those errors itself.
func (c *checker) ownField(value ast.Expr) bool {
	sel, ok := astutil.Unparen(value).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	return ok && s.Kind() == types.FieldVal && s.Obj().Pkg() == c.pass.Pkg
}

// exportedParam reports whether value is a parameter of the exported
// function or method that encloses cur.
func (c *checker) exportedParam(cur inspector.Cursor, value ast.Expr) bool {
	id, ok := astutil.Unparen(value).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		return false
	}
	fnCur, kind := errorigin.DeclaringFunc(cur, v)
	if kind != errorigin.ParamVar {
		return false
	}
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	return ok && fd.Name.IsExported()
}

// ownTypeWrapped reports whether this package passes values of its error
