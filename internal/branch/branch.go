// Package branch resolves break and continue statements to the statement
// they leave or restart, for analyzers that reason about how a loop exits.
package branch

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// Target returns the statement that the break or continue br, at cur,
// refers to: the labelled statement, or the innermost enclosing loop (or,
// for break, switch or select). It returns nil when there is none inside
// the enclosing function. Labels are compared by object, or by name where
// type checking did not record them.
func Target(info *types.Info, cur inspector.Cursor, br *ast.BranchStmt) ast.Node {
	var label types.Object
	if br.Label != nil {
		label = info.Uses[br.Label]
	}
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.LabeledStmt:
			if br.Label != nil && n.Label != nil && sameLabel(info.Defs[n.Label], label, n.Label.Name, br.Label.Name) {
				return n.Stmt
			}
		case *ast.ForStmt, *ast.RangeStmt:
			if br.Label == nil {
				return n
			}
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if br.Label == nil && br.Tok == token.BREAK {
				return n
			}
		}
	}
	return nil
}

func sameLabel(def, use types.Object, defName, useName string) bool {
	if def != nil && use != nil {
		return def == use
	}
	return defName == useName
}
