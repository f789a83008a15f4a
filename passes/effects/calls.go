package effects

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// CallArgs splits a call into the receiver it passes to a method and the
// arguments of the callee's parameters, so that Write.Param and Add.Param
// (-1 for the receiver) index them: x and (a, b) for x.m(a, b) and for the
// method expression (*T).m(x, a, b); a nil receiver for a function. sel
// is the method's selection, nil for a function.
func CallArgs(info *types.Info, call *ast.CallExpr) (recv ast.Expr, args []ast.Expr, sel *types.Selection) {
	x, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if ok {
		sel = info.Selections[x]
	}
	switch {
	case sel == nil:
		return nil, call.Args, nil
	case sel.Kind() == types.MethodVal:
		return x.X, call.Args, sel
	case sel.Kind() == types.MethodExpr && len(call.Args) > 0:
		return call.Args[0], call.Args[1:], sel
	}
	return nil, call.Args, nil
}

// PointerReceiver reports whether the method of sel has a pointer
// receiver: it gets the caller's value, not a copy of it.
func PointerReceiver(sel *types.Selection) bool {
	sig, ok := sel.Obj().Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	_, isPtr := sig.Recv().Type().Underlying().(*types.Pointer)
	return isPtr
}

// FieldPath returns the variable that e is, or is a field path of (through
// &, *, embedded fields and package qualifiers), and the path as field
// indices, ".2.0", the form of Add.Path.
func FieldPath(info *types.Info, e ast.Expr) (*types.Var, string, bool) {
	var idx []int
	for {
		e = astutil.Unparen(e)
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil, "", false
			}
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.SelectorExpr:
			s := info.Selections[x]
			if s == nil {
				// A qualified identifier: a package-level variable.
				v, _ := info.Uses[x.Sel].(*types.Var)
				return v, indexPath(idx), v != nil
			}
			if s.Kind() != types.FieldVal {
				return nil, "", false
			}
			idx = append(append([]int(nil), s.Index()...), idx...)
			e = x.X
			continue
		case *ast.Ident:
			v, _ := info.ObjectOf(x).(*types.Var)
			return v, indexPath(idx), v != nil
		}
		return nil, "", false
	}
}

func indexPath(idx []int) string {
	var b strings.Builder
	for _, i := range idx {
		fmt.Fprintf(&b, ".%d", i)
	}
	return b.String()
}

// CallName names the callee of call for messages, as the code calling it
// reads: w.process and (*T).m for methods, lib.Work for a function of
// another package, work for one of pkg.
func CallName(info *types.Info, pkg *types.Package, call *ast.CallExpr, fn *types.Func) string {
	if _, _, sel := CallArgs(info, call); sel != nil {
		return types.ExprString(astutil.Unparen(call.Fun))
	}
	if fn.Pkg() != nil && fn.Pkg() != pkg {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}
