package atomicaccess

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/locals"
	"github.com/prodvet/prodvet/internal/match"
)

// maxDepth bounds the recursion through local variables.
const maxDepth = 3

// Path returns the access path of e, an expression of this package's
// non-test files: the fields selected from its root (including embedded
// fields selected implicitly), each named with the type that declares it
// ("example.com/p.Pool.stats"), preceded by the package path and
// name of a package-level root variable, or by the path of the expression a
// local root variable was initialised with (ab := cc.active.Load() gives
// "active"). Other roots (parameters, call results, range variables)
// contribute nothing. Two accesses to the same field with paths where
// neither is a suffix of the other reach the field through different
// containers, such as an active and a snapshot bucket.
func (r *Result) Path(e ast.Expr) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pathKey(e, 0)
}

// pathKey is Path with r.mu held.
func (r *Result) pathKey(e ast.Expr, depth int) []string {
	info := r.pass.TypesInfo
	switch e := astutil.Unparen(e).(type) {
	case *ast.SelectorExpr:
		s, ok := info.Selections[e]
		if !ok {
			if v, ok := info.Uses[e.Sel].(*types.Var); ok && v.Pkg() != nil {
				return []string{v.Pkg().Path() + "." + v.Name()} // pkg.V
			}
			return nil
		}
		if s.Kind() != types.FieldVal {
			return nil
		}
		key := r.pathKey(e.X, depth)
		// Embedded fields on the way to the selected one.
		t := s.Recv()
		for _, idx := range s.Index()[:len(s.Index())-1] {
			st, ok := deref(t).Underlying().(*types.Struct)
			if !ok || idx >= st.NumFields() {
				break
			}
			f := st.Field(idx)
			key = append(key, fieldKey(t, f.Name()))
			t = f.Type()
		}
		return append(key, fieldKey(t, e.Sel.Name))
	case *ast.IndexExpr:
		return r.pathKey(e.X, depth)
	case *ast.StarExpr:
		return r.pathKey(e.X, depth)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return r.pathKey(e.X, depth)
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return r.pathKey(e.Args[0], depth) // a conversion
		}
		fn := match.Callee(info, e)
		if match.Method(fn, syncAtomic, "Pointer", "Load") || match.Method(fn, syncAtomic, "Pointer", "Swap") {
			if sel, ok := astutil.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				return r.pathKey(sel.X, depth)
			}
		}
		if (match.Func(fn, syncAtomic, "LoadPointer") || match.Func(fn, syncAtomic, "SwapPointer")) && len(e.Args) > 0 {
			return r.pathKey(e.Args[0], depth)
		}
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || v == nil {
			return nil
		}
		if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return []string{v.Pkg().Path() + "." + v.Name()}
		}
		if depth >= maxDepth {
			return nil
		}
		return r.localProvenance(v, depth+1)
	}
	return nil
}

// fieldKey names the field name of the struct type t (or a pointer to it)
// in a path: qualified by the named type that declares it, so that the
// field of a type embedded in two containers, A.Inner.n and B.Inner.n,
// gives two paths. Fields of unnamed structs and of type parameters keep
// their bare name.
func fieldKey(t types.Type, name string) string {
	n, ok := deref(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return name
	}
	n = n.Origin()
	return n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + name
}

// localProvenance returns the path of the expression that a local variable
// is initialised with, when that is its only assignment.
func (r *Result) localProvenance(v *types.Var, depth int) []string {
	if key, ok := r.provenance[v]; ok {
		return key
	}
	r.provenance[v] = nil // also breaks cycles
	declCur, fnCur, ok := locals.Declaration(r.pass.TypesInfo, r.files, v)
	if !ok {
		return nil
	}
	value := locals.InitValue(declCur)
	if value == nil || !locals.AssignedOnce(r.pass.TypesInfo, fnCur, v) {
		return nil
	}
	key := r.pathKey(value, depth)
	r.provenance[v] = key
	return key
}
