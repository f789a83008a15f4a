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
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/errorigin"
)

// ---- Rule: compare ----

func (c *checker) checkCompare(cur inspector.Cursor, be *ast.BinaryExpr) {
	if c.test || (be.Op != token.EQL && be.Op != token.NEQ) {
		return
	}
	v, sExpr, other := c.origin.Sentinel(be.Y), be.Y, be.X
	if v == nil {
		v, sExpr, other = c.origin.Sentinel(be.X), be.X, be.Y
	}
	if v == nil || c.origin.Sentinel(other) != nil || !isErrorIface(c.pass.TypesInfo.TypeOf(other)) {
		return
	}
	if c.exemptSentinel(cur, v, other) {
		return
	}
	name := c.qualified(v)
	var fix []analysis.SuggestedFix
	deferred := c.deferredResult(cur, other)
	if deferred != nil && c.returnsItself(cur, deferred, func(e ast.Expr) bool { return c.origin.Sentinel(e) == v }) {
		return // the deferred check looks for what the function itself returns
	}
	if pkg, edits, ok := fixes.Import(c.pass.TypesInfo, c.file, be.Pos(), "errors"); ok {
		call := fmt.Sprintf("%s.Is(%s, %s)", pkg, c.text(other), c.text(sExpr))
		if be.Op == token.NEQ {
			call = "!" + call
		}
		edits = append(edits, analysis.TextEdit{Pos: be.Pos(), End: be.End(), NewText: []byte(call)})
		fix = []analysis.SuggestedFix{{Message: "Use errors.Is", TextEdits: edits}}
	}
	if deferred != nil {
		fix = nil // an exact check of what this function returns: errors.Is would change what it catches
	}
	c.rep.Report(be, CategoryCompare, fmt.Sprintf(
		"error compared with %s using %s: once %s is wrapped (fmt.Errorf with %%w, errors.Join) the comparison no longer matches, "+
			"and the branch meant for it (retry, not found, end of input) silently stops running; use errors.Is(err, %s)",
		name, be.Op, name, name), fix...)
}

// ---- Rule: compare, in a switch ----

func (c *checker) checkSwitch(cur inspector.Cursor, sw *ast.SwitchStmt) {
	if c.test || sw.Tag == nil || !isErrorIface(c.pass.TypesInfo.TypeOf(sw.Tag)) || c.origin.Sentinel(sw.Tag) != nil {
		return
	}
	tagCur := cur.ChildAt(edge.SwitchStmt_Tag, -1)
	deferred := c.deferredResult(tagCur, sw.Tag)
	var names []string
	for _, stmt := range sw.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			v := c.origin.Sentinel(e)
			if v == nil || c.exemptSentinel(tagCur, v, sw.Tag) ||
				(deferred != nil && c.returnsItself(tagCur, deferred, func(e ast.Expr) bool { return c.origin.Sentinel(e) == v })) {
				continue
			}
			names = append(names, c.qualified(v))
		}
	}
	if len(names) == 0 {
		return
	}
	var fix []analysis.SuggestedFix
	if deferred == nil {
		fix = c.switchFix(sw)
	}
	c.rep.Report(report.Span{Start: sw.Switch, Stop: sw.Tag.End()}, CategoryCompare, fmt.Sprintf(
		"switch compares the error with %s using ==: once one is wrapped (fmt.Errorf with %%w, errors.Join) its case no longer matches "+
			"and the error silently falls through to another branch; use a switch without a tag and errors.Is in each case",
		strings.Join(names, ", ")), fix...)
}

// switchFix rewrites "switch err { case A, nil: }" as
// "switch { case errors.Is(err, A), err == nil: }" when the tag is a plain
// variable and every case is nil or an error.
func (c *checker) switchFix(sw *ast.SwitchStmt) []analysis.SuggestedFix {
	tag, ok := astutil.Unparen(sw.Tag).(*ast.Ident)
	if !ok {
		return nil
	}
	if _, isVar := c.pass.TypesInfo.Uses[tag].(*types.Var); !isVar {
		return nil
	}
	pkg, edits, ok := fixes.Import(c.pass.TypesInfo, c.file, sw.Pos(), "errors")
	if !ok {
		return nil
	}
	edits = append(edits, analysis.TextEdit{Pos: sw.Tag.Pos(), End: sw.Tag.End()})
	for _, stmt := range sw.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			return nil
		}
		for _, e := range cc.List {
			var text string
			t := c.pass.TypesInfo.TypeOf(e)
			switch {
			case errorigin.IsNil(c.pass.TypesInfo, e):
				text = tag.Name + " == nil"
			case validType(t) && types.Implements(t, errorIface):
				// A case may only use tag's name if it refers to the same variable.
				if mentions(e, tag.Name) {
					return nil
				}
				text = fmt.Sprintf("%s.Is(%s, %s)", pkg, tag.Name, c.text(e))
			default:
				return nil
			}
			edits = append(edits, analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(text)})
		}
	}
	return []analysis.SuggestedFix{{Message: "Use a switch without a tag and errors.Is", TextEdits: edits}}
}

// mentions reports whether e uses an identifier spelled name.
func mentions(e ast.Node, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}
