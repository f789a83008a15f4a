package chanleak

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
)

// sameTripCount reports whether loops a and b run the same number of times
// by their syntax: ranges over the same variable (or len of it, or an
// integer), or three-clause loops i < n with the same bound, from zero by
// one.
func sameTripCount(info *types.Info, a, b ast.Stmt) bool {
	ka, kb := tripCount(info, a), tripCount(info, b)
	return ka != nil && kb != nil && ka == kb
}

// tripCount returns the object whose value or length a loop's count is,
// or nil.
func tripCount(info *types.Info, loop ast.Stmt) types.Object {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		x := astutil.Unparen(l.X)
		if t := info.TypeOf(x); t != nil {
			if _, ok := t.Underlying().(*types.Chan); ok {
				return nil
			}
			if _, ok := t.Underlying().(*types.Signature); ok {
				return nil
			}
		}
		return countObj(info, x)
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
			return nil
		}
		i, ok := init.Lhs[0].(*ast.Ident)
		if !ok || !isZero(info, init.Rhs[0]) {
			return nil
		}
		cond, ok := astutil.Unparen(l.Cond).(*ast.BinaryExpr)
		if !ok || cond.Op != token.LSS {
			return nil
		}
		if ci, ok := astutil.Unparen(cond.X).(*ast.Ident); !ok || info.ObjectOf(ci) != info.ObjectOf(i) {
			return nil
		}
		post, ok := l.Post.(*ast.IncDecStmt)
		if !ok || post.Tok != token.INC {
			return nil
		}
		if pi, ok := astutil.Unparen(post.X).(*ast.Ident); !ok || info.ObjectOf(pi) != info.ObjectOf(i) {
			return nil
		}
		return countObj(info, astutil.Unparen(cond.Y))
	}
	return nil
}

// countObj returns v for v or len(v), where v is a variable.
func countObj(info *types.Info, x ast.Expr) types.Object {
	if call, ok := x.(*ast.CallExpr); ok && len(call.Args) == 1 && isLenCap(info, call) {
		x = astutil.Unparen(call.Args[0])
	}
	if id, ok := x.(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok {
			return v
		}
	}
	return nil
}

func isZero(info *types.Info, x ast.Expr) bool {
	tv, ok := info.Types[x]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}

// maxPending caps the count of senders not yet received from: a loop
// that starts goroutines is taken to start more than one.
const maxPending = 2

type state struct {
	block   *cfg.Block
	pending int
}

// leakingPath searches the function's control flow for a path from entry
// to a return on which some sender is started and not received from. A
// loop that starts goroutines may run any number of times; a receive loop
// with the same trip count as the start loop, left by its condition,
// receives from every sender.
func (c *checker) leakingPath(g *cfg.CFG, u *useSet, loop ast.Stmt) (ast.Node, bool) {
	if len(g.Blocks) == 0 {
		return nil, false
	}
	starts := map[ast.Node]bool{}
	for _, s := range u.starts {
		starts[s.stmt] = true
	}
	// The comm of a select case is evaluated only when its case is
	// chosen; cfg lists every comm before the select, so those nodes
	// are ignored and a case's body block counts its receive.
	comms := map[ast.Node]bool{}
	for _, b := range g.Blocks {
		if b.Kind == cfg.KindSelectCaseBody {
			if cc, ok := b.Stmt.(*ast.CommClause); ok && cc.Comm != nil {
				comms[cc.Comm] = true
			}
		}
	}
	receives := func(n ast.Node) int {
		k := 0
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.UnaryExpr:
				if u.recvs[n] {
					k++
				}
			}
			return true
		})
		return k
	}
	// matchedHead: the edge from the head of a receive loop matched to the
	// senders' loop to its done block has received from every sender.
	matchedHead := func(b *cfg.Block) bool {
		if b.Kind != cfg.KindForLoop && b.Kind != cfg.KindRangeLoop {
			return false
		}
		return b.Stmt != loop && slices.Contains(u.recvLoops, b.Stmt)
	}
	seen := map[state]bool{}
	var exit ast.Node
	var visit func(s state) bool
	visit = func(s state) bool {
		if seen[s] {
			return false
		}
		seen[s] = true
		pending := s.pending
		if s.block.Kind == cfg.KindSelectCaseBody {
			if cc, ok := s.block.Stmt.(*ast.CommClause); ok && cc.Comm != nil {
				pending = max(0, pending-receives(cc.Comm))
			}
		}
		for _, n := range s.block.Nodes {
			if comms[n] {
				continue
			}
			if starts[n] {
				pending = min(maxPending, pending+1)
			}
			pending = max(0, pending-receives(n))
		}
		if len(s.block.Succs) == 0 {
			if pending > 0 && isExit(s.block) {
				exit = s.block.Return()
				return true
			}
			return false
		}
		for _, next := range s.block.Succs {
			p := pending
			if matchedHead(s.block) && isDone(next, s.block.Stmt) {
				p = 0
			}
			if visit(state{next, p}) {
				return true
			}
		}
		return false
	}
	if !visit(state{g.Blocks[0], 0}) {
		return nil, false
	}
	return exit, true
}

// endOfBody stands for the closing brace a function falls off.
type endOfBody struct{ rbrace token.Pos }

func (e endOfBody) Pos() token.Pos { return e.rbrace }
func (e endOfBody) End() token.Pos { return e.rbrace + 1 }

func isDone(b *cfg.Block, loop ast.Stmt) bool {
	return (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone) && b.Stmt == loop
}

// isExit reports whether a block without successors leaves the function
// normally: by a return, or the end of the body, for which cfg adds a
// return. Calls that never return, and the impossible way out of a
// select without default after its last case, end blocks too.
func isExit(b *cfg.Block) bool {
	return b.Live && b.Return() != nil
}
