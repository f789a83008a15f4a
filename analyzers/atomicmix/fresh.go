package atomicmix

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/locals"
	"github.com/prodvet/prodvet/internal/match"
)

// This file decides which locals start out pointing to fresh memory: an
// allocation, or the result of a function of this package that returns
// one it has not yet let escape (a constructor).

type freshKey struct {
	fn    *types.Func
	index int
}

// freshInit reports whether the local declared at declCur starts with a
// fresh allocation: t := &T{...}, t := new(T), or t := newT() (also
// t, err := newT()) where newT returns such a value at every return.
func (c *checker) freshInit(declCur inspector.Cursor, depth int) bool {
	if allocation(c.pass.TypesInfo, declCur) {
		return true
	}
	call, index := initCall(declCur)
	if call == nil || depth >= maxDepth {
		return false
	}
	fn := match.Callee(c.pass.TypesInfo, call)
	return fn != nil && c.returnsFresh(fn.Origin(), index, depth+1)
}

// initCall returns the call that the identifier declared at declCur is
// initialised from, and the index of its result: x := f() gives 0,
// _, y := f() gives 1.
func initCall(declCur inspector.Cursor) (*ast.CallExpr, int) {
	if v, ok := astutil.Unparen(locals.InitValue(declCur)).(*ast.CallExpr); ok {
		return v, 0
	}
	var rhs []ast.Expr
	switch p := declCur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if p.Tok != token.DEFINE || declCur.ParentEdgeKind() != edge.AssignStmt_Lhs {
			return nil, 0
		}
		rhs = p.Rhs
	case *ast.ValueSpec:
		if declCur.ParentEdgeKind() != edge.ValueSpec_Names {
			return nil, 0
		}
		rhs = p.Values
	}
	if len(rhs) != 1 {
		return nil, 0
	}
	call, _ := astutil.Unparen(rhs[0]).(*ast.CallExpr)
	return call, declCur.ParentEdgeIndex()
}

// returnsFresh reports whether every return statement of fn, a function of
// this package's non-test files, gives as its result index nil, &T{...},
// new(T) or a local of fn that is fresh and whose first escape is that
// return.
func (c *checker) returnsFresh(fn *types.Func, index, depth int) bool {
	key := freshKey{fn, index}
	if ok, done := c.freshResults[key]; done {
		return ok
	}
	if c.freshResults == nil {
		c.freshResults = map[freshKey]bool{}
	}
	c.freshResults[key] = false // also breaks cycles
	res := fn.Signature().Results()
	if index >= res.Len() {
		return false
	}
	if _, ok := types.Unalias(res.At(index).Type()).Underlying().(*types.Pointer); !ok {
		return false
	}
	fnCur, ok := c.declarations()[fn]
	if !ok || fnCur.Node().(*ast.FuncDecl).Body == nil {
		return false
	}
	info := c.pass.TypesInfo
	ok = true
	fnCur.Inspect([]ast.Node{(*ast.ReturnStmt)(nil), (*ast.FuncLit)(nil)}, func(cur inspector.Cursor) bool {
		ret, isRet := cur.Node().(*ast.ReturnStmt)
		if !isRet || !ok {
			return false // a function literal's returns are its own
		}
		if len(ret.Results) != res.Len() {
			ok = false // a bare return of named results, or return g()
			return false
		}
		r := astutil.Unparen(ret.Results[index])
		if tv, has := info.Types[r]; has && tv.IsNil() {
			return false
		}
		switch r.(type) {
		case *ast.UnaryExpr, *ast.CallExpr:
			ok = freshValue(info, r)
		case *ast.Ident:
			rCur, _ := cur.FindNode(r)
			ok = c.freshReturned(fnCur, rCur, depth)
		default:
			ok = false
		}
		return false
	})
	c.freshResults[key] = ok
	return ok
}

// freshReturned reports whether the identifier at idCur, returned by the
// function at fnCur, is a fresh local of that function that nothing let
// escape before the return.
func (c *checker) freshReturned(fnCur, idCur inspector.Cursor, depth int) bool {
	id := idCur.Node().(*ast.Ident)
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v == nil {
		return false
	}
	declCur, declFn, ok := locals.Declaration(c.pass.TypesInfo, c.files, v)
	if !ok || declFn != fnCur || c.firstEscape(fnCur, v, false) != id.Pos() {
		return false
	}
	for loop := range idCur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		if !loop.Contains(declCur) {
			return false // an earlier iteration may have let it escape
		}
	}
	return c.freshInit(declCur, depth)
}

// freshValue reports whether e is &T{...} or new(T).
func freshValue(info *types.Info, e ast.Expr) bool {
	switch v := astutil.Unparen(e).(type) {
	case *ast.UnaryExpr:
		_, ok := astutil.Unparen(v.X).(*ast.CompositeLit)
		return v.Op == token.AND && ok
	case *ast.CallExpr:
		b, ok := match.ObjectOf(info, v.Fun).(*types.Builtin)
		return ok && b.Name() == "new" && len(v.Args) == 1
	}
	return false
}

// declarations maps the functions and methods declared in the package's
// non-test files to their declarations.
func (c *checker) declarations() map[*types.Func]inspector.Cursor {
	if c.decls != nil {
		return c.decls
	}
	c.decls = map[*types.Func]inspector.Cursor{}
	for _, fileCur := range c.files {
		for cur := range fileCur.Preorder((*ast.FuncDecl)(nil)) {
			if fn, ok := c.pass.TypesInfo.Defs[cur.Node().(*ast.FuncDecl).Name].(*types.Func); ok && fn != nil {
				c.decls[fn] = cur
			}
		}
	}
	return c.decls
}

// derefCopy reports whether the use of a pointer variable at cur copies
// the value it points to (x := *t, *t = x, f(*t)), which shares nothing.
func derefCopy(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.StarExpr_X {
		return false
	}
	star := cur.Parent()
	for star.ParentEdgeKind() == edge.ParenExpr_X {
		star = star.Parent()
	}
	switch p := star.Parent().Node().(type) {
	case *ast.UnaryExpr:
		return p.Op != token.AND // &*t is t
	case *ast.SelectorExpr:
		return false // (*t).f or (*t).m(): handled as t.f, a method may keep t
	}
	return true
}
