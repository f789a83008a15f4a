package atomicaccess

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// maxDepth bounds the recursion through local variables.
const maxDepth = 3

// Path returns the access path of e, an expression of this package's
// non-test files: the names of the fields selected from its root (including
// embedded fields selected implicitly), preceded by the package path and
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
			key = append(key, f.Name())
			t = f.Type()
		}
		return append(key, e.Sel.Name)
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

// localProvenance returns the path of the expression that a local variable
// is initialised with, when that is its only assignment.
func (r *Result) localProvenance(v *types.Var, depth int) []string {
	if key, ok := r.provenance[v]; ok {
		return key
	}
	r.provenance[v] = nil // also breaks cycles
	declCur, fnCur, ok := r.declaration(v)
	if !ok {
		return nil
	}
	value := initValue(declCur)
	if value == nil || !r.assignedOnce(fnCur, v) {
		return nil
	}
	key := r.pathKey(value, depth)
	r.provenance[v] = key
	return key
}

// declaration returns the cursor of the identifier that declares the local
// variable v, and of the function around it.
func (r *Result) declaration(v *types.Var) (decl, fn inspector.Cursor, ok bool) {
	for _, fileCur := range r.files {
		f := fileCur.Node()
		if f.Pos() > v.Pos() || v.Pos() >= f.End() {
			continue
		}
		declCur, ok := fileCur.FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
		if !ok {
			return decl, fn, false
		}
		if id, ok := declCur.Node().(*ast.Ident); !ok || r.pass.TypesInfo.Defs[id] != v {
			return decl, fn, false
		}
		for fnCur := range declCur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			return declCur, fnCur, true
		}
		return decl, fn, false
	}
	return decl, fn, false
}

// initValue returns the value given to the identifier declared at declCur
// by := or var, or nil.
func initValue(declCur inspector.Cursor) ast.Expr {
	i := declCur.ParentEdgeIndex()
	switch p := declCur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if p.Tok == token.DEFINE && len(p.Lhs) == len(p.Rhs) && declCur.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return p.Rhs[i]
		}
	case *ast.ValueSpec:
		if len(p.Names) == len(p.Values) && declCur.ParentEdgeKind() == edge.ValueSpec_Names {
			return p.Values[i]
		}
	}
	return nil
}

// assignedOnce reports whether v is neither assigned nor has its address
// taken in fn after its declaration.
func (r *Result) assignedOnce(fnCur inspector.Cursor, v *types.Var) bool {
	for cur := range fnCur.Preorder((*ast.Ident)(nil)) {
		if r.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] != v {
			continue
		}
		for cur.ParentEdgeKind() == edge.ParenExpr_X {
			cur = cur.Parent()
		}
		switch cur.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.RangeStmt_Key, edge.RangeStmt_Value:
			return false
		}
		if u, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
			return false
		}
	}
	return true
}
