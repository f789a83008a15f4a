package loopcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// loopVarFix returns the fix for a capture, and whether it passes the
// variables as arguments. It prefers arguments, for go and defer of a
// literal without parameters; otherwise it copies the variables at the top
// of their loop bodies (v := v). It returns nil when neither is safe.
func (c *checker) loopVarFix(cp *capture) (*analysis.SuggestedFix, bool) {
	if fix := c.argFix(cp); fix != nil {
		return fix, true
	}
	return c.copyFix(cp), false
}

// argFix turns go func(){...}() into go func(v T){...}(v).
func (c *checker) argFix(cp *capture) *analysis.SuggestedFix {
	call, lit := cp.call, cp.lit
	if call == nil || (cp.kind != kindGo && cp.kind != kindDefer) || len(call.Args) != 0 || call.Ellipsis.IsValid() ||
		lit.Type == nil || lit.Type.Params == nil || len(lit.Type.Params.List) != 0 ||
		!lit.Type.Params.Opening.IsValid() || !lit.Type.Params.Closing.IsValid() {
		return nil
	}
	scope := c.info.Scopes[lit.Type]
	var params, args []string
	for _, v := range cp.vars {
		if scope != nil && scope.Lookup(v.Name()) != nil {
			return nil // the body declares the name at its top level
		}
		if c.written(lit, v) {
			return nil // the closure changes the shared variable
		}
		t, ok := c.typeString(v.Type())
		if !ok {
			return nil
		}
		params = append(params, v.Name()+" "+t)
		args = append(args, v.Name())
	}
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Pass %s as %s", names(cp.vars), plural(len(cp.vars), "an argument", "arguments")),
		TextEdits: []analysis.TextEdit{
			{Pos: lit.Type.Params.Opening + 1, End: lit.Type.Params.Closing, NewText: []byte(strings.Join(params, ", "))},
			{Pos: call.Lparen + 1, End: call.Rparen, NewText: []byte(strings.Join(args, ", "))},
		},
	}
}

// copyFix adds v := v at the top of the loop body of each variable.
func (c *checker) copyFix(cp *capture) *analysis.SuggestedFix {
	var loops []ast.Node
	copies := map[ast.Node][]string{}
	for _, v := range cp.vars {
		loop := cp.loops[v]
		body := loopBody(loop)
		if body == nil || len(body.List) == 0 {
			return nil
		}
		if s := c.info.Scopes[body]; s == nil || s.Lookup(v.Name()) != nil {
			return nil // the body already declares the name
		}
		if _, three := loop.(*ast.ForStmt); three && c.written(body, v) {
			// The body moves the loop on by changing the variable: a
			// copy would break the loop.
			return nil
		}
		if copies[loop] == nil {
			loops = append(loops, loop)
		}
		copies[loop] = append(copies[loop], v.Name()+" := "+v.Name())
	}
	var edits []analysis.TextEdit
	for _, loop := range loops {
		// Before the first statement, on lines of their own with the same
		// indentation.
		first := loopBody(loop).List[0].Pos()
		indent := strings.Repeat("\t", max(c.pass.Fset.Position(first).Column-1, 0))
		var b strings.Builder
		for _, cp := range copies[loop] {
			b.WriteString(cp + "\n" + indent)
		}
		edits = append(edits, analysis.TextEdit{Pos: first, End: first, NewText: []byte(b.String())})
	}
	if len(edits) == 0 {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Copy %s at the top of the loop body", names(cp.vars)),
		TextEdits: edits,
	}
}

// written reports whether n assigns v or takes its address.
func (c *checker) written(n ast.Node, v *types.Var) bool {
	is := func(e ast.Expr) bool {
		for {
			switch x := e.(type) {
			case *ast.ParenExpr:
				e = x.X
			case *ast.SelectorExpr:
				// x.f = ... changes a struct variable, not a pointer.
				if xt := c.info.TypeOf(x.X); xt == nil || isPointer(xt) {
					return false
				}
				e = x.X
			case *ast.IndexExpr:
				xt := c.info.TypeOf(x.X)
				if xt == nil {
					return false
				}
				if _, ok := xt.Underlying().(*types.Array); !ok {
					return false
				}
				e = x.X
			case *ast.Ident:
				return c.info.Uses[x] == v
			default:
				return false
			}
		}
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE {
				for _, lhs := range s.Lhs {
					found = found || is(lhs)
				}
			}
		case *ast.IncDecStmt:
			found = found || is(s.X)
		case *ast.UnaryExpr:
			found = found || s.Op == token.AND && is(s.X)
		case *ast.RangeStmt:
			if s.Tok == token.ASSIGN {
				found = found || s.Key != nil && is(s.Key) || s.Value != nil && is(s.Value)
			}
		case *ast.CallExpr:
			// A method with a pointer receiver called on v may change it.
			if sel, ok := s.Fun.(*ast.SelectorExpr); ok {
				if sl, ok := c.info.Selections[sel]; ok && sl.Kind() == types.MethodVal {
					sig, _ := sl.Obj().Type().(*types.Signature)
					xt := c.info.TypeOf(sel.X)
					if sig != nil && sig.Recv() != nil && isPointer(sig.Recv().Type()) && xt != nil && !isPointer(xt) && is(sel.X) {
						found = true
					}
				}
			}
		}
		return true
	})
	return found
}

// typeString returns t as it can be written in the current file, or false
// when it names something the file cannot (an unexported type of another
// package, a package the file does not import).
func (c *checker) typeString(t types.Type) (string, bool) {
	local := map[*types.Package]string{}
	for _, spec := range c.file.Imports {
		if pn := c.info.PkgNameOf(spec); pn != nil && pn.Imported() != nil {
			local[pn.Imported()] = pn.Name()
		}
	}
	ok := c.nameable(t, local, map[types.Type]bool{})
	if !ok {
		return "", false
	}
	s := types.TypeString(t, func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		if name := local[p]; name != "." {
			return name
		}
		return ""
	})
	return s, true
}

// nameable reports whether every named type in t can be written in the
// current file.
func (c *checker) nameable(t types.Type, local map[*types.Package]string, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	named := func(obj *types.TypeName, args *types.TypeList) bool {
		if p := obj.Pkg(); p != nil && p != c.pass.Pkg {
			if name, ok := local[p]; !ok || name == "_" || !obj.Exported() {
				return false
			}
		}
		for i := 0; args != nil && i < args.Len(); i++ {
			if !c.nameable(args.At(i), local, seen) {
				return false
			}
		}
		return true
	}
	switch t := t.(type) {
	case *types.Basic:
		return t.Kind() != types.Invalid && t.Kind() != types.UnsafePointer && t.Info()&types.IsUntyped == 0
	case *types.Alias:
		return named(t.Obj(), t.TypeArgs())
	case *types.Named:
		return named(t.Obj(), t.TypeArgs())
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return c.nameable(t.Elem(), local, seen)
	case *types.Slice:
		return c.nameable(t.Elem(), local, seen)
	case *types.Array:
		return c.nameable(t.Elem(), local, seen)
	case *types.Chan:
		return c.nameable(t.Elem(), local, seen)
	case *types.Map:
		return c.nameable(t.Key(), local, seen) && c.nameable(t.Elem(), local, seen)
	case *types.Signature:
		if t.TypeParams() != nil {
			return false
		}
		for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
			for i := 0; i < tup.Len(); i++ {
				if !c.nameable(tup.At(i).Type(), local, seen) {
					return false
				}
			}
		}
		return true
	case *types.Interface:
		return t.Empty()
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			f := t.Field(i)
			if !f.Exported() && f.Pkg() != c.pass.Pkg || !c.nameable(f.Type(), local, seen) || t.Tag(i) != "" {
				return false
			}
		}
		return true
	}
	return false
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}
