package wgmisuse

import (
	"go/ast"
	"go/types"

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
	recv, args, sel := effects.CallArgs(c.info, call)
	var base key
	switch {
	case a.Param == -1:
		if recv == nil || !effects.PointerReceiver(sel) {
			return key{} // a value receiver adds to its own copy
		}
		base = c.keyOf(recv)
		if !base.valid() {
			return key{}
		}
		base = base.extend(sel.Index()[:len(sel.Index())-1]) // promoted through embedded fields
	case a.Param < len(args):
		base = c.keyOf(args[a.Param])
		if !base.valid() {
			return key{}
		}
	default:
		return key{}
	}
	return key{base.root, base.path + a.Path}
}
