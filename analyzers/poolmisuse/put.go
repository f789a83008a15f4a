// The Put rule: values that allocate when stored in an interface.

package poolmisuse

import (
	"go/ast"
	"go/types"
)

// checkPutArg reports a Put whose argument is not pointer-shaped.
func (c *checker) checkPutArg(arg ast.Expr) {
	t, ok := c.allocates(arg)
	if !ok {
		return
	}
	c.report(arg, CategoryPutNonPointer,
		"sync.Pool.Put of a "+c.typeString(t)+", "+kind(t)+" not a pointer: converting it to the interface Put takes allocates a copy on every call, "+
			"which defeats the pool; "+advice(t))
}

// allocates reports whether converting e to an interface allocates: a
// non-constant slice, string, number wider than a byte, or array or struct
// larger than a pointer. It returns e's type.
func (c *checker) allocates(e ast.Expr) (types.Type, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Type == nil || tv.Value != nil || !tv.IsValue() {
		return nil, false
	}
	t := tv.Type
	if types.IsInterface(t) || hasTypeParam(t) {
		return nil, false
	}
	sizes := c.pass.TypesSizes
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	word := sizes.Sizeof(types.Typ[types.Uintptr])
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsUntyped != 0:
			return nil, false
		case u.Info()&types.IsString != 0:
			return t, true
		case u.Info()&(types.IsInteger|types.IsFloat|types.IsComplex) != 0:
			return t, sizes.Sizeof(t) > 1
		}
	case *types.Slice:
		// One header per Put, usually noise next to the buffer pooled.
		return t, c.slices
	case *types.Struct, *types.Array:
		return t, sizes.Sizeof(t) > word
	}
	return nil, false
}

func kind(t types.Type) string {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return "a slice,"
	case *types.Struct:
		return "a struct,"
	case *types.Array:
		return "an array,"
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return "a string,"
		}
		return "a number,"
	}
	return ""
}

func advice(t types.Type) string {
	switch t.Underlying().(type) {
	case *types.Slice:
		return "pool a pointer to the slice (*[]T) instead"
	case *types.Struct, *types.Array:
		return "pool a pointer to it instead"
	}
	return "pool a pointer instead"
}
