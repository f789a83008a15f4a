// What a pool's New function returns, for the Get rule.

package poolmisuse

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/match"
)

// newBody returns the body of the function stored in New when it is a
// function literal or a function declared in this package.
func (c *checker) newBody(e ast.Expr) *ast.BlockStmt {
	switch e := astutil.Unparen(e).(type) {
	case *ast.FuncLit:
		return e.Body
	case *ast.Ident, *ast.SelectorExpr:
		fn, _ := match.ObjectOf(c.pass.TypesInfo, e).(*types.Func)
		if fn == nil {
			return nil
		}
		if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil || sig.TypeParams().Len() > 0 {
			return nil
		}
		if fd := c.funcDecls[fn]; fd != nil {
			return fd.Body
		}
	}
	return nil
}

// newResults returns the expressions that the New function e returns, and
// false when they cannot all be seen.
func (c *checker) newResults(e ast.Expr) ([]ast.Expr, bool) {
	body := c.newBody(e)
	if body == nil {
		return nil, false
	}
	var results []ast.Expr
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
			} else {
				results = append(results, n.Results[0])
			}
		}
		return true
	})
	return results, ok && len(results) > 0
}

// newType returns the one concrete type that the New function e returns,
// or nil.
func (c *checker) newType(e ast.Expr) types.Type {
	results, ok := c.newResults(e)
	if !ok {
		return nil
	}
	var t types.Type
	for _, r := range results {
		rt := c.pass.TypesInfo.TypeOf(r)
		if rt == nil || types.IsInterface(rt) || hasTypeParam(rt) {
			return nil
		}
		if b, ok := rt.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			return nil // nil or an untyped constant
		}
		if t != nil && !types.Identical(t, rt) {
			return nil
		}
		t = rt
	}
	return t
}

// checkNew queues the New function e, judged once every Put is known.
func (c *checker) checkNew(e ast.Expr) { c.news = append(c.news, e) }

// reportNews reports New functions that return values that are not
// pointers, except into pools that only ever get back the interface value
// that Get returned: boxing then happens once, in New, not per Put.
func (c *checker) reportNews() {
	roundTrip := make(map[ast.Expr]bool)
	for _, p := range c.order {
		if c.roundTrip(p) {
			for _, nv := range p.news {
				roundTrip[nv] = true
			}
		}
	}
	for _, e := range c.news {
		if roundTrip[e] {
			continue
		}
		results, _ := c.newResults(e)
		for _, r := range results {
			t, ok := c.allocates(r)
			if !ok || c.reported[r.Pos()] {
				continue
			}
			c.reported[r.Pos()] = true
			c.report(r, CategoryNewNonPointer,
				"sync.Pool New returns a "+c.typeString(t)+", "+kind(t)+" not a pointer: every Put of such a value copies it to the heap to store it in an interface, "+
					"an allocation per use that defeats the pool; "+advice(t))
		}
	}
}

// roundTrip reports whether every Put into p, all of them visible, passes a
// value of interface type (what Get returned), so that no Put boxes. A Put
// through a pointer to p or a pool not identified cannot be into p: taking
// p's address marks it unknown.
func (c *checker) roundTrip(p *pool) bool {
	if p.unknown || len(p.puts) == 0 || p.obj.Pkg() != c.pass.Pkg || p.obj.Exported() || p.obj.Embedded() {
		return false
	}
	for _, arg := range p.puts {
		if t := c.pass.TypesInfo.TypeOf(arg); t == nil || !types.IsInterface(t) {
			return false
		}
	}
	return true
}
