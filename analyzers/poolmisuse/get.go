// The Get rule: assertions to a type New never returns, nil Gets.

package poolmisuse

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// judge reports the type mismatches and nil Gets of pool p.
func (c *checker) judge(p *pool) {
	if p.unknown || p.obj.Pkg() != c.pass.Pkg {
		return
	}
	var newT types.Type
	for i, nv := range p.news {
		t := c.newType(nv)
		if t == nil || (i > 0 && !types.Identical(t, newT)) {
			return // New not visible, or not one type
		}
		newT = t
	}
	closed := !p.obj.Exported() && !p.obj.Embedded()
	if newT == nil {
		if !closed {
			return
		}
		for _, g := range p.gets {
			if g.commaOk {
				continue
			}
			what := "this assertion"
			if at := c.pass.TypesInfo.TypeOf(g.assert.Type); at != nil {
				what = "this assertion to " + c.typeString(at)
			}
			c.report(g.assert, CategoryNilGet,
				"Get on a sync.Pool without New returns nil whenever the pool is empty, and the garbage collector empties pools at every cycle, "+
					"so "+what+" panics in production; set New, or use the comma-ok form and allocate when it fails")
		}
		return
	}
	allNewT := len(p.gets) > 0 && !p.otherGet
	newS := c.typeString(newT)
	for _, g := range p.gets {
		at := c.pass.TypesInfo.TypeOf(g.assert.Type)
		if at == nil || hasTypeParam(at) {
			allNewT = false
			continue
		}
		if !types.Identical(at, newT) {
			allNewT = false
		}
		if g.commaOk || c.satisfies(newT, at) {
			continue
		}
		c.report(g.assert.Type, CategoryTypeMismatch,
			"Get is asserted to "+c.typeString(at)+" but this pool's New returns "+newS+
				": the assertion panics whenever the pool is empty, at the latest on the first Get; assert to "+newS+" or make New return "+c.typeString(at))
	}
	if !allNewT || !closed {
		return
	}
	for _, arg := range p.puts {
		t := c.pass.TypesInfo.TypeOf(arg)
		if t == nil || types.IsInterface(t) || hasTypeParam(t) || types.Identical(t, newT) {
			continue
		}
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			continue
		}
		c.report(arg, CategoryTypeMismatch,
			"Put of a "+c.typeString(t)+" into a pool whose New returns "+newS+" and whose every Get asserts "+newS+
				": the Get that returns this value panics; put back a "+newS)
	}
}

// satisfies reports whether a value of dynamic type t passes an assertion
// to at.
func (c *checker) satisfies(t, at types.Type) bool {
	if iface, ok := at.Underlying().(*types.Interface); ok {
		return types.Implements(t, iface)
	}
	return types.Identical(t, at)
}

func (c *checker) report(rng analysis.Range, category, msg string) {
	c.rep.Report(rng, category, msg)
}

func (c *checker) typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		return p.Name()
	})
}

// hasTypeParam reports whether t mentions a type parameter.
func hasTypeParam(t types.Type) bool {
	return typeParamIn(t, 0)
}

func typeParamIn(t types.Type, depth int) bool {
	if t == nil || depth > 10 {
		return false
	}
	switch t := types.Unalias(t).(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Slice:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Array:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Map:
		return typeParamIn(t.Key(), depth+1) || typeParamIn(t.Elem(), depth+1)
	case *types.Chan:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Named:
		if args := t.TypeArgs(); args != nil {
			for a := range args.Types() {
				if typeParamIn(a, depth+1) {
					return true
				}
			}
		}
	case *types.Struct:
		for f := range t.Fields() {
			if typeParamIn(f.Type(), depth+1) {
				return true
			}
		}
	case *types.Signature:
		for v := range t.Params().Variables() {
			if typeParamIn(v.Type(), depth+1) {
				return true
			}
		}
		for v := range t.Results().Variables() {
			if typeParamIn(v.Type(), depth+1) {
				return true
			}
		}
	case *types.Tuple:
		for v := range t.Variables() {
			if typeParamIn(v.Type(), depth+1) {
				return true
			}
		}
	}
	return false
}
