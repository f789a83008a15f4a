package errcmp

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// ---- Rule: is-never-matches ----

func (c *checker) checkIs(call *ast.CallExpr) {
	fn := match.Callee(c.pass.TypesInfo, call)
	if len(call.Args) != 2 || !(match.Func(fn, "errors", "Is") || match.Func(fn, "github.com/pkg/errors", "Is")) {
		return
	}
	info := c.pass.TypesInfo
	target := astutil.Unparen(call.Args[1])
	if isNilError(info, target) {
		return // errors.Is(err, nil) is defined: it reports whether err is nil
	}
	var why string
	switch t := target.(type) {
	case *ast.UnaryExpr:
		lit, ok := astutil.Unparen(t.X).(*ast.CompositeLit)
		if t.Op == token.AND && ok && c.freshNeverEqual(info.TypeOf(lit)) {
			why = "a pointer to a new composite literal is equal to no other error, and " + c.typeString(info.TypeOf(t)) + " has no Is method"
		}
	case *ast.CallExpr:
		callee := match.Callee(info, t)
		if id, ok := astutil.Unparen(t.Fun).(*ast.Ident); ok && len(t.Args) == 1 {
			if b, isB := info.Uses[id].(*types.Builtin); isB && b.Name() == "new" && c.freshNeverEqual(info.TypeOf(t.Args[0])) {
				why = "new returns a pointer equal to no other error, and " + c.typeString(info.TypeOf(t)) + " has no Is method"
			}
		}
		// Tests probe custom Is methods with a fresh error that must not
		// match: an Is method in the chain can match anything.
		if (match.Func(callee, "errors", "New") || match.Func(callee, "fmt", "Errorf")) && !c.test {
			why = "the target is created by this very call, so no error in the chain can be equal to it; compare with a package-level sentinel instead"
		}
	}
	if why == "" {
		if t := info.TypeOf(target); validType(t) && !types.IsInterface(t) && !types.Comparable(t) && !hasMethod(t, "Is") {
			why = "errors.Is compares with ==, and a " + c.typeString(t) + " is not comparable, so it matches only through an Is method, which it lacks"
		}
	}
	if why == "" {
		return
	}
	c.rep.Report(target, CategoryIsNeverMatches, "errors.Is can never match this target: "+why+
		"; the check is always false and the branch it guards is dead in production")
}

// isNilError reports whether e is nil, or nil converted to an interface
// type (error(nil)).
func isNilError(info *types.Info, e ast.Expr) bool {
	e = astutil.Unparen(e)
	if errorigin.IsNil(info, e) {
		return true
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	tv, ok := info.Types[call.Fun]
	return ok && tv.IsType() && types.IsInterface(tv.Type) && isNilError(info, call.Args[0])
}

// freshNeverEqual reports whether a fresh *T (T the given type) can never
// be found by errors.Is: *T has no Is method and T is not zero-sized
// (distinct pointers to zero-sized values may compare equal).
func (c *checker) freshNeverEqual(t types.Type) bool {
	if !validType(t) {
		return false
	}
	if _, isTP := types.Unalias(t).(*types.TypeParam); isTP {
		return false
	}
	if hasMethod(types.NewPointer(t), "Is") {
		return false
	}
	return c.pass.TypesSizes != nil && c.pass.TypesSizes.Sizeof(t) > 0
}

// ---- Rule: as-never-matches ----

func (c *checker) checkAs(call *ast.CallExpr) {
	fn := match.Callee(c.pass.TypesInfo, call)
	if len(call.Args) != 2 || !(match.Func(fn, "errors", "As") || match.Func(fn, "github.com/pkg/errors", "As")) {
		return
	}
	tt := c.pass.TypesInfo.TypeOf(call.Args[1])
	if !validType(tt) {
		return
	}
	outer, ok := types.Unalias(tt).(*types.Pointer)
	if !ok {
		return
	}
	inner, ok := types.Unalias(outer.Elem()).(*types.Pointer)
	if !ok {
		return
	}
	named, ok := types.Unalias(inner.Elem()).(*types.Named)
	if !ok || types.IsInterface(named) || named.Obj().Pkg() != c.pass.Pkg {
		return
	}
	// T implements error itself (value receiver), so values of T are the
	// errors; a *T target matches only if the package makes *T values.
	if !types.Implements(named, errorIface) {
		return // go vet's errorsas reports the reverse mistake
	}
	if named.Obj().Exported() && c.pass.Pkg.Name() != "main" {
		return // other packages may create *T values
	}
	if c.createsPointer(named.Origin().Obj()) {
		return
	}
	name := c.typeString(named)
	c.rep.Report(call.Args[1], CategoryAsNeverMatches, fmt.Sprintf(
		"errors.As can never match this target: %s implements error with a value receiver and this package never creates a *%s, "+
			"so the chain holds %s values and a *%s target finds none; declare the target as %s",
		name, name, name, name, name))
}

// createsPointer reports whether the package creates a *T value anywhere,
// or could (T has pointer-receiver methods, which may return the receiver).
func (c *checker) createsPointer(obj *types.TypeName) bool {
	if c.created == nil {
		c.created = map[*types.TypeName]bool{}
		asTargets := map[ast.Expr]bool{} // &v in errors.As(err, &v) puts no *T in a chain
		for _, f := range c.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					fn := match.Callee(c.pass.TypesInfo, n)
					if len(n.Args) == 2 && (match.Func(fn, "errors", "As") || match.Func(fn, "github.com/pkg/errors", "As")) {
						asTargets[astutil.Unparen(n.Args[1])] = true
					}
				case *ast.CompositeLit:
					// An elided &T in a []*T literal.
					if named, ok := types.Unalias(c.pass.TypesInfo.TypeOf(n)).(*types.Named); ok && n.Type == nil {
						c.created[named.Origin().Obj()] = true
					}
				}
				return true
			})
		}
		for e, tv := range c.pass.TypesInfo.Types {
			if tv.Type == nil || asTargets[e] {
				continue
			}
			p, ok := types.Unalias(tv.Type).(*types.Pointer)
			if !ok {
				continue
			}
			n, ok := types.Unalias(p.Elem()).(*types.Named)
			if !ok {
				continue
			}
			switch e.(type) {
			case *ast.UnaryExpr, *ast.CallExpr, *ast.CompositeLit:
				c.created[n.Origin().Obj()] = true
			}
		}
	}
	if c.created[obj] {
		return true
	}
	if n, ok := obj.Type().(*types.Named); ok {
		for m := range n.Methods() {
			if sig, ok := m.Type().(*types.Signature); ok && sig.Recv() != nil {
				if _, isPtr := types.Unalias(sig.Recv().Type()).(*types.Pointer); isPtr {
					return true
				}
			}
		}
	}
	return false
}
