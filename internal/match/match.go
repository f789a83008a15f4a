// Package match identifies functions, methods, variables and types by their
// package path and name, using type information rather than source spelling.
//
// Renamed and dot imports, method values, promoted methods of embedded
// fields, type aliases and instantiations of generic functions and types all
// resolve to the same object, so analyzers never compare identifiers.
package match

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// Callee returns the function or method statically called by call, or nil
// for calls of function values, builtins and conversions. Instantiated
// generic functions and methods are mapped to their generic origin.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// Func reports whether obj is the package-level function pkgPath.name.
func Func(obj types.Object, pkgPath, name string) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() == nil
}

// Method reports whether obj is the method typeName.method declared in
// package pkgPath, with a pointer or a value receiver. Methods reached through
// an embedded field or an alias of the type match as well, since they resolve
// to the declared method.
func Method(obj types.Object, pkgPath, typeName, method string) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn == nil || fn.Name() != method {
		return false
	}
	fn = fn.Origin()
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return false
	}
	return NamedType(sig.Recv().Type(), pkgPath, typeName)
}

// Var reports whether obj is the package-level variable pkgPath.name.
func Var(obj types.Object, pkgPath, name string) bool {
	v, ok := obj.(*types.Var)
	return ok && v != nil && !v.IsField() && v.Name() == name && v.Pkg() != nil &&
		v.Pkg().Path() == pkgPath && v.Parent() == v.Pkg().Scope()
}

// NamedType reports whether t, after removing aliases and at most one
// pointer, is the named type pkgPath.name (or an instantiation of it).
func NamedType(t types.Type, pkgPath, name string) bool {
	if t == nil {
		return false
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	return IsType(t, pkgPath, name)
}

// IsType reports whether t (after removing aliases, but not pointers) is the
// named type pkgPath.name or an instantiation of it.
func IsType(t types.Type, pkgPath, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Origin().Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath
}

// ObjectOf returns the object that expr refers to when it is an identifier or
// a selector (qualified identifier, field or method), after removing
// parentheses. For method values and promoted fields it is the selected
// method or field. It returns nil for any other expression.
func ObjectOf(info *types.Info, expr ast.Expr) types.Object {
	switch e := astutil.Unparen(expr).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			return sel.Obj()
		}
		return info.ObjectOf(e.Sel)
	case *ast.IndexExpr: // explicit instantiation f[T]
		return ObjectOf(info, e.X)
	case *ast.IndexListExpr:
		return ObjectOf(info, e.X)
	}
	return nil
}

// Imports reports whether pkg imports path directly.
func Imports(pkg *types.Package, path string) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// InterfaceMethod reports whether fn is an abstract method of an interface:
// a call of it runs an implementation that may live in any package.
func InterfaceMethod(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// FuncKey names a function or concrete method within its package: "Func",
// or "Type.Method" without the pointer; "" for a method of an unnamed
// type. Package facts that summarise many functions key them by it.
func FuncKey(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return fn.Name()
	}
	t := types.Unalias(sig.Recv().Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name() + "." + fn.Name()
	}
	return ""
}

// Received returns the channel that the statement st receives from when it
// is a receive, <-ch or v := <-ch (v, ok = <-ch), and nil otherwise.
func Received(st ast.Stmt) ast.Expr {
	var x ast.Expr
	switch s := st.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	default:
		return nil
	}
	if u, ok := astutil.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}
