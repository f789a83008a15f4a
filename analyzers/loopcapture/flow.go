package loopcapture

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/branch"
	"github.com/prodvet/prodvet/internal/match"
)

// settled reports whether, after the statement at stmt (an element of a
// statement list inside the body of loop), the iteration surely leaves the
// loop (return, break, panic, os.Exit...) or passes a statement for which
// isJoin holds (it waits for the closure) before it can start the next
// iteration. Only statements that run unconditionally count; a statement
// in between that may continue the loop ends the search.
func (c *checker) settled(stmt inspector.Cursor, loop ast.Node, isJoin func(inspector.Cursor) bool) bool {
	body := loopBody(loop)
	cur := stmt
	for cur.Valid() {
		parent := cur.Parent()
		for next, ok := cur.NextSibling(); ok; next, ok = next.NextSibling() {
			switch next.ParentEdgeKind() {
			case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
			default:
				continue
			}
			if c.exits(next, loop) || (isJoin != nil && isJoin(next)) {
				return true
			}
			if c.mayContinue(next, loop) {
				return false
			}
		}
		if parent.Node() == ast.Node(body) {
			return false // the end of the iteration
		}
		// Climb to the statement that contains this list.
		up := inspector.Cursor{}
		for p := range parent.Enclosing() {
			switch p.Node().(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				return false // a literal runs at other times
			case *ast.ForStmt, *ast.RangeStmt:
				// An inner loop repeats: what follows it joins the
				// goroutines of all its rounds, unless one of them may
				// continue the outer loop first.
				if c.mayContinue(p, loop) {
					return false
				}
			}
			if k := p.ParentEdgeKind(); k == edge.BlockStmt_List || k == edge.CaseClause_Body || k == edge.CommClause_Body {
				up = p
				break
			}
		}
		cur = up
	}
	return false
}

// exits reports whether the statement at cur unconditionally leaves loop.
func (c *checker) exits(cur inspector.Cursor, loop ast.Node) bool {
	st := cur.Node()
	if l, ok := st.(*ast.LabeledStmt); ok {
		st = l.Stmt
	}
	switch s := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		if s.Tok != token.BREAK {
			return false
		}
		target := branch.Target(c.pass.TypesInfo, cur, s)
		return target != nil && target.Pos() <= loop.Pos()
	case *ast.ExprStmt:
		call, ok := astutil.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		_, never := c.noret.Call(call)
		return never
	}
	return false
}

// mayContinue reports whether the statement at cur may start the next
// iteration of loop (a continue of it or of an outer loop, or a goto).
func (c *checker) mayContinue(cur inspector.Cursor, loop ast.Node) bool {
	found := false
	cur.Inspect([]ast.Node{(*ast.BranchStmt)(nil), (*ast.FuncLit)(nil)}, func(b inspector.Cursor) bool {
		if found {
			return false
		}
		switch n := b.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			switch n.Tok {
			case token.GOTO:
				found = true
			case token.CONTINUE:
				target := branch.Target(c.pass.TypesInfo, b, n)
				if target == nil || target.Pos() <= loop.Pos() {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// refs returns the objects that the function literal lit refers to
// (variables and fields), plus the receiver that started it.
func (c *checker) refs(l launch) map[types.Object]bool {
	objs := map[types.Object]bool{}
	var fn ast.Node = l.call // go w.process(item): the call's operands
	if l.lit != nil {
		fn = l.lit
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := c.info.Uses[id]; obj != nil {
				objs[obj] = true
			}
		}
		return true
	})
	if l.starter != nil {
		if obj := match.ObjectOf(c.info, l.starter); obj != nil {
			objs[obj] = true
		}
	}
	return objs
}

// joins returns a test for statements that wait for the closure of l to
// finish: Wait of a sync.WaitGroup or errgroup.Group that the closure
// uses or was started with, or a receive from a channel the closure uses
// (directly, in an if or switch init, or as the only way out of a select
// without default, or a range over it).
func (c *checker) joins(l launch) func(inspector.Cursor) bool {
	if !l.kind.goroutine() {
		return nil
	}
	objs := c.refs(l)
	waits := func(e ast.Expr) bool { return e != nil && c.waitsIn(e, objs) }
	var stmtWaits func(s ast.Stmt) bool
	var loopWaits func(body *ast.BlockStmt) bool
	stmtWaits = func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.LabeledStmt:
			return stmtWaits(s.Stmt)
		case *ast.ExprStmt:
			return waits(s.X)
		case *ast.SendStmt:
			return waits(s.Value)
		case *ast.AssignStmt:
			for _, r := range s.Rhs {
				if waits(r) {
					return true
				}
			}
		case *ast.DeclStmt:
			if gd, ok := s.Decl.(*ast.GenDecl); ok {
				for _, spec := range gd.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, v := range vs.Values {
							if waits(v) {
								return true
							}
						}
					}
				}
			}
		case *ast.IfStmt:
			return s.Init != nil && stmtWaits(s.Init) || waits(s.Cond)
		case *ast.SwitchStmt:
			return s.Init != nil && stmtWaits(s.Init) || s.Tag != nil && waits(s.Tag)
		case *ast.RangeStmt:
			if t := c.info.TypeOf(s.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					return objs[c.groupObj(s.X)]
				}
			}
			return loopWaits(s.Body)
		case *ast.ForStmt:
			return loopWaits(s.Body)
		case *ast.SelectStmt:
			any := false
			for _, cc := range s.Body.List {
				cc, ok := cc.(*ast.CommClause)
				if !ok {
					return false
				}
				if cc.Comm == nil {
					return false // default: does not wait
				}
				if stmtWaits(cc.Comm) {
					any = true
				}
			}
			return any
		}
		return false
	}
	// A loop waits when a statement of its own body does, as
	// for i := range n { wgs[i].Wait() } (taken to run at least once).
	loopWaits = func(body *ast.BlockStmt) bool {
		for _, s := range body.List {
			if stmtWaits(s) {
				return true
			}
		}
		return false
	}
	return func(cur inspector.Cursor) bool {
		s, ok := cur.Node().(ast.Stmt)
		return ok && stmtWaits(s)
	}
}

// joinedWithin reports whether a statement after stmt, in the function
// literal that contains it, waits for the goroutine l (isJoin), or defers
// such a wait to the literal's return (defer, t.Cleanup), before the
// literal may return. A goroutine started and joined by a literal that
// runs inside the iteration does not outlive the iteration.
func (c *checker) joinedWithin(stmt inspector.Cursor, l launch, isJoin func(inspector.Cursor) bool) bool {
	if isJoin == nil {
		return false
	}
	cur := stmt
	for cur.Valid() {
		for next, ok := cur.NextSibling(); ok; next, ok = next.NextSibling() {
			switch next.ParentEdgeKind() {
			case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
			default:
				continue
			}
			if isJoin(next) || c.deferredJoin(next, l) {
				return true
			}
			if returns(next.Node()) {
				return false
			}
		}
		up := inspector.Cursor{}
		for p := range cur.Parent().Enclosing() {
			if _, ok := p.Node().(*ast.FuncLit); ok {
				return false
			}
			if _, ok := p.Node().(*ast.FuncDecl); ok {
				return false
			}
			if k := p.ParentEdgeKind(); k == edge.BlockStmt_List || k == edge.CaseClause_Body || k == edge.CommClause_Body {
				up = p
				break
			}
		}
		cur = up
	}
	return false
}

// returns reports whether n contains a return or goto outside nested
// function literals.
func returns(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			found = found || x.Tok == token.GOTO
		}
		return !found
	})
	return found
}

// waitsIn reports whether n, outside nested function literals, calls Wait
// on a group in objs or receives from a channel in objs.
func (c *checker) waitsIn(n ast.Node, objs map[types.Object]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			fn := match.Callee(c.info, x)
			if match.Method(fn, "sync", "WaitGroup", "Wait") || match.Method(fn, errgroupPath, "Group", "Wait") {
				if sel, ok := astutil.Unparen(x.Fun).(*ast.SelectorExpr); ok && objs[c.groupObj(sel.X)] {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.ARROW && objs[c.groupObj(x.X)] {
				found = true
			}
		}
		return true
	})
	return found
}

// deferredJoin reports whether the statement at cur registers a wait for
// the goroutine l that runs when the enclosing literal returns: defer
// wg.Wait(), defer func(){ <-done }(), t.Cleanup(func(){ <-done }).
func (c *checker) deferredJoin(cur inspector.Cursor, l launch) bool {
	if !l.kind.goroutine() {
		return false
	}
	var call *ast.CallExpr
	switch s := cur.Node().(type) {
	case *ast.DeferStmt:
		call = s.Call
	case *ast.ExprStmt:
		x, ok := astutil.Unparen(s.X).(*ast.CallExpr)
		if !ok || len(x.Args) != 1 || !match.Method(match.Callee(c.info, x), "testing", "common", "Cleanup") {
			return false
		}
		call = x
	default:
		return false
	}
	objs := c.refs(l)
	if _, isDefer := cur.Node().(*ast.DeferStmt); isDefer {
		if lit, ok := astutil.Unparen(call.Fun).(*ast.FuncLit); ok {
			return c.waitsIn(lit.Body, objs)
		}
		return c.waitsIn(call, objs)
	}
	if lit, ok := astutil.Unparen(call.Args[0]).(*ast.FuncLit); ok {
		return c.waitsIn(lit.Body, objs)
	}
	return false
}

// groupObj returns the variable or field that the group or channel e
// denotes, and for an element of a slice, array or map of them
// (wgs[i], dones[k]) the collection's.
func (c *checker) groupObj(e ast.Expr) types.Object {
	e = astutil.Unparen(e)
	for {
		ix, ok := e.(*ast.IndexExpr)
		if !ok {
			break
		}
		e = astutil.Unparen(ix.X)
	}
	return match.ObjectOf(c.info, e)
}
