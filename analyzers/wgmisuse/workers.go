package wgmisuse

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/effects"
)

// workerAdds returns the WaitGroups that fn calls Add on, reached from
// its parameters or receiver, from the effects pass.
func (c *checker) workerAdds(fn *types.Func) []effects.Add {
	if s := c.effects.Of(fn); s != nil {
		return s.Adds
	}
	return nil
}

// workerKey returns the WaitGroup, as the caller of the go statement's
// call names it, that the worker's Add a reaches.
func (c *checker) workerKey(call *ast.CallExpr, a effects.Add) key {
	var base key
	sel, _ := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	s := c.info.Selections[sel]
	methodExpr := s != nil && s.Kind() == types.MethodExpr // (*T).run(x, ...): x is the receiver
	switch {
	case a.Param == -1:
		if s == nil || (s.Kind() != types.MethodVal && !methodExpr) {
			return key{}
		}
		if _, isPtr := types.Unalias(s.Obj().Type().(*types.Signature).Recv().Type()).(*types.Pointer); !isPtr {
			return key{} // a value receiver adds to its own copy
		}
		recv := sel.X
		if methodExpr {
			if len(call.Args) == 0 {
				return key{}
			}
			recv = call.Args[0]
		}
		base = c.keyOf(recv)
		if !base.valid() {
			return key{}
		}
		base = base.extend(s.Index()[:len(s.Index())-1]) // promoted through embedded fields
	default:
		i := a.Param
		if methodExpr {
			i++
		}
		if i >= len(call.Args) {
			return key{}
		}
		base = c.keyOf(call.Args[i])
		if !base.valid() {
			return key{}
		}
	}
	return key{base.root, base.path + a.Path}
}

// workerName names the callee of a go statement for messages.
func (c *checker) workerName(call *ast.CallExpr) string {
	fn := match.Callee(c.info, call)
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := c.info.Selections[sel]; s != nil && (s.Kind() == types.MethodVal || s.Kind() == types.MethodExpr) {
			return types.ExprString(sel)
		}
	}
	if fn.Pkg() != c.pass.Pkg {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}
