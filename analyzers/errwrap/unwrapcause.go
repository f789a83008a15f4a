package errwrap

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/passes/errorigin"
)

// A fieldSet is a value stored in a struct field: in a composite literal or
// an assignment to the field.
type fieldSet struct {
	cur   inspector.Cursor
	value ast.Expr
}

// unwrapCause describes why callers would test the cause held in one of
// the fields: a value stored there is an error they test for, or (under
// -errwrap.causes=tested) a parameter of an exported function (callers pass
// their own errors in). It returns a zero cause when every value is a
// parse, validation or opaque error, or none is seen.
func (c *checker) unwrapCause(fields []*types.Var) cause {
	if c.fields == nil {
		c.collectFields()
	}
	for _, f := range fields {
		for _, s := range c.fields[f] {
			if !c.contextOnly() {
				if fn := exportedParam(c.pass.TypesInfo, s.cur, s.value); fn != "" {
					return cause{desc: fmt.Sprintf("errors that callers of %s pass in", fn)}
				}
			}
			if d := c.causeOf(s.cur, s.value, 0); d.desc != "" {
				return d
			}
		}
	}
	return cause{}
}

// collectFields records the values stored in struct fields of the package.
func (c *checker) collectFields() {
	c.fields = map[*types.Var][]fieldSet{}
	info := c.pass.TypesInfo
	add := func(f *types.Var, cur inspector.Cursor, value ast.Expr) {
		if f != nil && value != nil {
			f = f.Origin()
			c.fields[f] = append(c.fields[f], fieldSet{cur, value})
		}
	}
	for cur := range c.root.Preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			st, _ := deref(info.TypeOf(n)).Underlying().(*types.Struct)
			if st == nil {
				continue
			}
			for i, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						f, _ := info.Uses[id].(*types.Var)
						add(f, cur, kv.Value)
					}
				} else if i < st.NumFields() {
					add(st.Field(i), cur, elt)
				}
			}
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
				continue
			}
			for i, l := range n.Lhs {
				sel, ok := astutil.Unparen(l).(*ast.SelectorExpr)
				if !ok {
					continue
				}
				if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
					f, _ := s.Obj().(*types.Var)
					add(f, cur, n.Rhs[i])
				}
			}
		}
	}
}

func deref(t types.Type) types.Type {
	if t == nil {
		return types.Typ[types.Invalid]
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// exportedParam returns the name of the exported function whose parameter
// e is, or "".
func exportedParam(info *types.Info, cur inspector.Cursor, e ast.Expr) string {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return ""
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil || v.IsField() {
		return ""
	}
	fnCur, kind := errorigin.DeclaringFunc(cur, v)
	if kind != errorigin.ParamVar {
		return ""
	}
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok || !fd.Name.IsExported() {
		return ""
	}
	if fn, _ := info.Defs[fd.Name].(*types.Func); fn != nil {
		return funcName(fn)
	}
	return ""
}
