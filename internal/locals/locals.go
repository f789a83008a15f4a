// Package locals answers, from a function's syntax, where a local variable
// comes from: its declaration, the value it starts with, and whether it is
// ever assigned again. Analyzers that follow a value back through a local
// (v := x.f; use(v)) trust it only when it is assigned once.
package locals

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// Declaration returns the cursor of the identifier that declares the local
// variable v, found among the file cursors files, and the function literal
// or declaration around it; ok is false when v is not a local variable of
// those files.
func Declaration(info *types.Info, files []inspector.Cursor, v *types.Var) (decl, fn inspector.Cursor, ok bool) {
	for _, fileCur := range files {
		f := fileCur.Node()
		if v.Pos() < f.Pos() || v.Pos() >= f.End() {
			continue
		}
		declCur, ok := fileCur.FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
		if !ok {
			return decl, fn, false
		}
		if id, ok := declCur.Node().(*ast.Ident); !ok || info.Defs[id] != v {
			return decl, fn, false
		}
		for fnCur := range declCur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			return declCur, fnCur, true
		}
		return decl, fn, false
	}
	return decl, fn, false
}

// InitValue returns the value given to the identifier declared at decl by
// := or var, or nil.
func InitValue(decl inspector.Cursor) ast.Expr {
	i := decl.ParentEdgeIndex()
	switch p := decl.Parent().Node().(type) {
	case *ast.AssignStmt:
		if p.Tok == token.DEFINE && len(p.Lhs) == len(p.Rhs) && decl.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return p.Rhs[i]
		}
	case *ast.ValueSpec:
		if len(p.Names) == len(p.Values) && decl.ParentEdgeKind() == edge.ValueSpec_Names {
			return p.Values[i]
		}
	}
	return nil
}

// AssignedOnce reports whether v is neither assigned (including as a range
// key or value) nor has its address taken in fn after its declaration.
func AssignedOnce(info *types.Info, fn inspector.Cursor, v *types.Var) bool {
	for cur := range fn.Preorder((*ast.Ident)(nil)) {
		if info.Uses[cur.Node().(*ast.Ident)] != v {
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
