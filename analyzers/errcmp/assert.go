package errcmp

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/fixes"
	"github.com/prodvet/prodvet/internal/goversion"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// ---- Rule: assert ----

// exemptType reports whether asserting value to t at cur is known to work.
func (c *checker) exemptType(cur inspector.Cursor, t types.Type, value ast.Expr) bool {
	if inIsMethod(cur) || c.ownField(value) || c.origin.Sentinel(value) != nil {
		return true // a package-level error asserted to its own type is never wrapped
	}
	named := t
	if p, ok := types.Unalias(named).(*types.Pointer); ok {
		named = p.Elem()
	}
	if n, ok := types.Unalias(named).(*types.Named); ok && n.Obj().Pkg() == c.pass.Pkg && !n.Obj().Exported() &&
		!c.origin.TypeWrapped(n.Origin().Obj()) {
		return true // only this package makes these errors, and it never wraps them
	}
	key := typeKey(t)
	if key == "" {
		key = "-"
	}
	return c.unwrapped(cur, value, key, true)
}

// concreteErrorType reports whether t is a type that a type assertion or a
// type switch on an error checks directly: not an interface.
func concreteErrorType(t types.Type) bool {
	if !validType(t) || types.IsInterface(t) {
		return false
	}
	_, isTP := types.Unalias(t).(*types.TypeParam)
	return !isTP
}

func (c *checker) checkAssert(cur inspector.Cursor, ta *ast.TypeAssertExpr) {
	if c.test || ta.Type == nil || !isErrorIface(c.pass.TypesInfo.TypeOf(ta.X)) {
		return
	}
	t := c.pass.TypesInfo.TypeOf(ta.Type)
	if !concreteErrorType(t) || c.exemptType(cur, t, ta.X) || c.asFallback(cur, ta) || c.testedByOuter(cur, ta.X, []types.Type{t}) {
		return
	}
	var fix []analysis.SuggestedFix
	switch v := c.deferredResult(cur, ta.X); {
	case v == nil:
		fix = c.assertFix(cur, ta)
	case c.returnsItself(cur, v, func(e ast.Expr) bool { return c.makesType(e, t) }):
		return // the deferred check looks for what the function itself returns
	}
	name := c.typeString(t)
	c.rep.Report(ta, CategoryAssert, fmt.Sprintf(
		"type assertion of an error to %s: once the %s is wrapped (fmt.Errorf with %%w, errors.Join) the assertion fails "+
			"and the code that handles it silently stops running; use errors.As (or errors.AsType since Go 1.26)", name, name),
		fix...)
}

// asFallback reports whether the assertion "e, ok := err.(*T)" is backed
// by errors.As(err, &e) in the same function: the assertion is only a fast
// path (apimachinery's IsUnexpectedObjectError).
func (c *checker) asFallback(cur inspector.Cursor, ta *ast.TypeAssertExpr) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return false
	}
	info := c.pass.TypesInfo
	target, _ := match.ObjectOf(info, as.Lhs[0]).(*types.Var)
	errVar, _ := match.ObjectOf(info, ta.X).(*types.Var)
	if target == nil || errVar == nil {
		return false
	}
	fnCur := errorigin.InnermostFunc(cur)
	for call := range fnCur.Preorder((*ast.CallExpr)(nil)) {
		ce := call.Node().(*ast.CallExpr)
		if !match.Func(match.Callee(info, ce), "errors", "As") || len(ce.Args) != 2 {
			continue
		}
		addr, ok := astutil.Unparen(ce.Args[1]).(*ast.UnaryExpr)
		if ok && addr.Op == token.AND && match.ObjectOf(info, ce.Args[0]) == errVar && match.ObjectOf(info, addr.X) == target {
			return true
		}
	}
	return false
}

// assertFix rewrites "e, ok := err.(*T)" as
// "e, ok := errors.AsType[*T](err)" (Go 1.26), or, before Go 1.26,
// "if e, ok := err.(*T); ok {" as "if e := (*T)(nil); errors.As(err, &e) {"
// when ok is used nowhere else.
func (c *checker) assertFix(cur inspector.Cursor, ta *ast.TypeAssertExpr) []analysis.SuggestedFix {
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	var lhs []ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || len(p.Lhs) != 2 {
			return nil
		}
		lhs = p.Lhs
	case *ast.ValueSpec:
		if len(p.Values) != 1 || len(p.Names) != 2 {
			return nil
		}
		lhs = []ast.Expr{p.Names[0], p.Names[1]}
	default:
		return nil
	}
	pkg, edits, ok := fixes.Import(c.pass.TypesInfo, c.file, ta.Pos(), "errors")
	if !ok {
		return nil
	}
	typ := c.text(ta.Type)
	if goversion.AtLeast(c.pass.TypesInfo, c.file, asTypeVersion) {
		edits = append(edits, analysis.TextEdit{Pos: ta.Pos(), End: ta.End(),
			NewText: fmt.Appendf(nil, "%s.AsType[%s](%s)", pkg, typ, c.text(ta.X))})
		return []analysis.SuggestedFix{{Message: "Use errors.AsType", TextEdits: edits}}
	}
	// Before Go 1.26: only the "if e, ok := err.(*T); ok {" shape.
	as, isAssign := parent.Node().(*ast.AssignStmt)
	if !isAssign || as.Tok != token.DEFINE || parent.ParentEdgeKind() != edge.IfStmt_Init {
		return nil
	}
	ifs := parent.Parent().Node().(*ast.IfStmt)
	okID, ok1 := lhs[1].(*ast.Ident)
	eID, ok2 := lhs[0].(*ast.Ident)
	cond, ok3 := ifs.Cond.(*ast.Ident)
	if !ok1 || !ok2 || !ok3 || okID.Name == "_" {
		return nil
	}
	okObj := c.pass.TypesInfo.Defs[okID]
	if okObj == nil || c.pass.TypesInfo.Uses[cond] != okObj || c.uses(okObj) != 1 {
		return nil
	}
	var text string
	if eID.Name == "_" {
		text = fmt.Sprintf("%s.As(%s, new(%s))", pkg, c.text(ta.X), typ)
	} else {
		if mentions(ta.X, eID.Name) {
			return nil // the new variable would shadow one that the error expression uses
		}
		zero := "*new(" + typ + ")"
		if _, isPtr := types.Unalias(c.pass.TypesInfo.TypeOf(ta.Type)).(*types.Pointer); isPtr {
			zero = "(" + typ + ")(nil)"
		}
		text = fmt.Sprintf("%s := %s; %s.As(%s, &%s)", eID.Name, zero, pkg, c.text(ta.X), eID.Name)
	}
	edits = append(edits, analysis.TextEdit{Pos: as.Pos(), End: ifs.Cond.End(), NewText: []byte(text)})
	return []analysis.SuggestedFix{{Message: "Use errors.As", TextEdits: edits}}
}

func (c *checker) uses(obj types.Object) int {
	n := 0
	for _, o := range c.pass.TypesInfo.Uses {
		if o == obj {
			n++
		}
	}
	return n
}

func (c *checker) checkTypeSwitch(cur inspector.Cursor, ts *ast.TypeSwitchStmt) {
	if c.test {
		return
	}
	ta, names := c.typeSwitchCases(cur, ts)
	if len(names) == 0 {
		return
	}
	var inner []types.Type
	for _, stmt := range ts.Body.List {
		for _, e := range stmt.(*ast.CaseClause).List {
			if t := c.pass.TypesInfo.TypeOf(e); !errorigin.IsNil(c.pass.TypesInfo, e) && concreteErrorType(t) {
				inner = append(inner, t)
			}
		}
	}
	if c.testedByOuter(cur, ta.X, inner) {
		return
	}
	if at, ok := cur.FindNode(ta); ok && c.deferredReturnsType(at, ta.X, ts) {
		return
	}
	c.rep.Report(ta, CategoryAssert, fmt.Sprintf(
		"type switch on an error checks %s directly: once the error is wrapped (fmt.Errorf with %%w, errors.Join) these cases no longer match "+
			"and the error silently falls through to another branch; use errors.As for each type",
		strings.Join(names, ", ")))
}

// typeSwitchCases returns the assertion of a type switch on an error and
// the concrete types of its cases that may miss a wrapped error.
func (c *checker) typeSwitchCases(cur inspector.Cursor, ts *ast.TypeSwitchStmt) (*ast.TypeAssertExpr, []string) {
	ta := switchAssert(ts)
	if ta == nil || !isErrorIface(c.pass.TypesInfo.TypeOf(ta.X)) {
		return nil, nil
	}
	at, ok := cur.FindNode(ta)
	if !ok {
		return nil, nil
	}
	var names []string
	for _, stmt := range ts.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			t := c.pass.TypesInfo.TypeOf(e)
			if errorigin.IsNil(c.pass.TypesInfo, e) || !concreteErrorType(t) || c.exemptType(at, t, ta.X) {
				continue
			}
			names = append(names, c.typeString(t))
		}
	}
	return ta, names
}
