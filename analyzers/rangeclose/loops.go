package rangeclose

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/branch"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/goroutines"
)

// forever reports whether the code at cur, inside owner, the function that
// makes the channel (declared at decl) or has it as a parameter, may run
// again and again for
// the life of its goroutine, so that no run of it is known to be the last: it
// lies in a for loop without condition, or a range over time.Tick or a
// time.Ticker's channel, that has no way out; or in a function literal
// that is not called where it stands (a callback handed to other code,
// which may call it at any time). The walk goes through function
// literals called at once (go func() { ... }()) and handed to
// sync.WaitGroup.Go or errgroup.Group.Go, which run them once.
func (c *checker) forever(cur inspector.Cursor, owner ast.Node, decl token.Pos) bool {
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		if n := p.Node(); n == owner || n.Pos() <= decl && decl < n.End() {
			// The function that owns the channel, or a loop that makes a
			// new channel on each iteration.
			return false
		}
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			if c.runOnce(p) {
				continue
			}
			return true
		case *ast.ForStmt:
			if n.Cond == nil && !c.leavesLoop(p.ChildAt(edge.ForStmt_Body, -1), n) {
				return true
			}
		case *ast.RangeStmt:
			if c.ticks(n.X) && !c.leavesLoop(p.ChildAt(edge.RangeStmt_Body, -1), n) {
				return true
			}
		}
	}
	return false
}

// runOnce reports whether the function literal at lit is called where it
// stands, or is what a goroutine runs (go, sync.WaitGroup.Go, errgroup's Go
// and TryGo): each runs it once.
func (c *checker) runOnce(lit inspector.Cursor) bool {
	cur := lit
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() == edge.CallExpr_Fun {
		return true
	}
	_, ok := goroutines.OfLit(c.pass.TypesInfo, lit)
	return ok
}

// ticks reports whether x is a channel that delivers ticks forever:
// time.Tick(d) or the C field of a time.Ticker.
func (c *checker) ticks(x ast.Expr) bool {
	x = astutil.Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok {
		return match.Func(match.Callee(c.pass.TypesInfo, call), "time", "Tick")
	}
	if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		return match.NamedType(c.pass.TypesInfo.TypeOf(sel.X), "time", "Ticker")
	}
	return false
}

// leavesLoop reports whether body, the body of loop, has a way out of the
// loop other than its condition or the end of what it ranges over: a
// return, a break of the loop, a break or continue of an outer statement, a
// goto, a panic or a call that ends the program or the goroutine. A range
// over a channel that has one usually stops on a sentinel value or after a
// known count; the analyzer stays silent.
func (c *checker) leavesLoop(body inspector.Cursor, loop ast.Stmt) bool {
	info := c.pass.TypesInfo
	if !body.Valid() {
		return true
	}
	lb := body.Node()
	leaves := false
	body.Inspect(nil, func(cur inspector.Cursor) bool {
		if leaves {
			return false
		}
		switch n := cur.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			switch n.Tok {
			case token.GOTO:
				leaves = true
			case token.BREAK, token.CONTINUE:
				t := branch.Target(info, cur, n)
				if t == nil {
					leaves = true // unresolved: be conservative
				} else if t == ast.Node(loop) {
					leaves = n.Tok == token.BREAK
				} else if !(lb.Pos() <= t.Pos() && t.End() <= lb.End()) {
					leaves = true // an outer statement
				}
			}
		case *ast.CallExpr:
			if _, never := c.noret.Call(n); never {
				leaves = true
			}
		}
		return !leaves
	})
	return leaves
}
