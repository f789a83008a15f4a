package errcmp

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// ---- Rule: assert-never-matches ----

// neverAsserted reports whether asserting value to t at cur can never
// succeed: every error value may hold is made by fmt.Errorf, errors.New,
// errors.Join or pkg/errors, whose result types no other package can name.
// It returns a phrase naming where the error comes from.
func (c *checker) neverAsserted(cur inspector.Cursor, t types.Type, value ast.Expr) (string, bool) {
	if c.test || !concreteErrorType(t) || !isErrorIface(c.pass.TypesInfo.TypeOf(value)) {
		return "", false
	}
	named := t
	if p, ok := types.Unalias(named).(*types.Pointer); ok {
		named = p.Elem()
	}
	if n, ok := types.Unalias(named).(*types.Named); !ok || n.Obj().Pkg() == nil || errorigin.FreshPackage(n.Obj().Pkg().Path()) {
		return "", false
	}
	calls, ok := c.origin.Fresh(cur, value)
	if !ok {
		return "", false
	}
	var from []string
	for _, s := range calls {
		name := "a call"
		if fn := match.Callee(c.pass.TypesInfo, s.Call); fn != nil {
			name = c.qualified(fn.Origin())
		}
		if len(from) < 3 && !slices.Contains(from, name) {
			from = append(from, name)
		}
	}
	return strings.Join(from, ", "), true
}

// checkAssertNever reports an assertion that can never succeed, and
// whether it did.
func (c *checker) checkAssertNever(cur inspector.Cursor, ta *ast.TypeAssertExpr) bool {
	if ta.Type == nil {
		return false
	}
	t := c.pass.TypesInfo.TypeOf(ta.Type)
	from, ok := c.neverAsserted(cur, t, ta.X)
	if !ok {
		return false
	}
	var fix []analysis.SuggestedFix
	if c.deferredResult(cur, ta.X) == nil {
		fix = c.assertFix(cur, ta)
	}
	name := c.typeString(t)
	c.rep.Report(ta, CategoryAssertNeverMatches, fmt.Sprintf(
		"type assertion to %s can never succeed: every error here comes from %s, which only returns errors made by fmt.Errorf, errors.New or errors.Join, "+
			"never a %s itself, so the branch that handles it is dead in production; use errors.As (or errors.AsType since Go 1.26) to find a %s in the chain",
		name, from, name, name), fix...)
	return true
}

// checkTypeSwitchNever reports the concrete cases of a type switch on an
// error that can never match, and whether it did.
func (c *checker) checkTypeSwitchNever(cur inspector.Cursor, ts *ast.TypeSwitchStmt) bool {
	ta := switchAssert(ts)
	if ta == nil {
		return false
	}
	at, ok := cur.FindNode(ta)
	if !ok {
		return false
	}
	var names []string
	from := ""
	for _, stmt := range ts.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			if f, never := c.neverAsserted(at, c.pass.TypesInfo.TypeOf(e), ta.X); never {
				names = append(names, c.typeString(c.pass.TypesInfo.TypeOf(e)))
				from = f
			}
		}
	}
	if len(names) == 0 {
		return false
	}
	c.rep.Report(ta, CategoryAssertNeverMatches, fmt.Sprintf(
		"type switch cases %s can never match: every error here comes from %s, which only returns errors made by fmt.Errorf, errors.New or errors.Join, "+
			"so the code for those cases is dead in production; use errors.As (or errors.AsType since Go 1.26) for each type",
		strings.Join(names, ", "), from))
	return true
}

// switchAssert returns the x.(type) of a type switch.
func switchAssert(ts *ast.TypeSwitchStmt) *ast.TypeAssertExpr {
	var e ast.Expr
	switch s := ts.Assign.(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	case *ast.ExprStmt:
		e = s.X
	}
	ta, _ := astutil.Unparen(e).(*ast.TypeAssertExpr)
	return ta
}
