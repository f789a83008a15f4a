package loopcapture

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
)

// loopVars returns the variables a loop declares: the key and value of a
// range loop with :=, the variables of the init statement of a for loop.
func (c *checker) loopVars(loop ast.Node) []*types.Var {
	var ids []ast.Expr
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if l.Tok == token.DEFINE {
			ids = []ast.Expr{l.Key, l.Value}
		}
	case *ast.ForStmt:
		if as, ok := l.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			ids = as.Lhs
		}
	}
	var vars []*types.Var
	for _, e := range ids {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		if v, ok := c.info.Defs[id].(*types.Var); ok && v != nil {
			vars = append(vars, v)
		}
	}
	return vars
}

// inSyncSubtest reports whether one of the literals is the function of a
// t.Run (or b.Run) in a test file that runs in the iteration: without
// t.Parallel.
func (c *checker) inSyncSubtest(lits []inspector.Cursor) bool {
	for _, lc := range lits {
		if !report.InTestFile(c.pass.Fset, lc.Node().Pos()) {
			return false
		}
		u := unparen(lc)
		if u.ParentEdgeKind() != edge.CallExpr_Args {
			continue
		}
		fn := match.Callee(c.info, u.Parent().Node().(*ast.CallExpr))
		if (match.Method(fn, "testing", "T", "Run") || match.Method(fn, "testing", "B", "Run")) && c.classify(lc, nil).kind == kindSync {
			return true
		}
	}
	return false
}

// capture is a function literal that outlives its iteration and the loop
// variables it refers to.
type capture struct {
	launch
	root  inspector.Cursor // the literal that escapes
	flow  inspector.Cursor // statement of the loop body that starts it
	vars  []*types.Var
	loops map[*types.Var]ast.Node // the loop of each variable
	first *ast.Ident
}

// checkLoopVars reports function literals that capture a variable of the
// loop at loopCur and run after the iteration that created them has moved
// on, in a file where all iterations share the variable.
func (c *checker) checkLoopVars(loopCur inspector.Cursor) {
	loop := loopCur.Node()
	vars := c.loopVars(loop)
	body := loopBody(loop)
	if len(vars) == 0 || body == nil {
		return
	}
	isVar := map[*types.Var]bool{}
	for _, v := range vars {
		isVar[v] = true
	}
	bodyCur, ok := loopCur.FindNode(body)
	if !ok {
		return
	}
	var caps []*capture
	byLit := map[*ast.FuncLit]*capture{}
	for idCur := range bodyCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		v, _ := c.info.Uses[id].(*types.Var)
		if v == nil || !isVar[v] {
			continue
		}
		l, rootCur, flow, ok := c.escaping(idCur, loop)
		if !ok {
			continue
		}
		cp := byLit[l.lit]
		if cp == nil {
			cp = &capture{launch: l, root: rootCur, flow: flow, first: id}
			byLit[l.lit] = cp
			caps = append(caps, cp)
		}
		if !containsVar(cp.vars, v) {
			cp.vars = append(cp.vars, v)
		}
	}
	for _, cp := range caps {
		if c.settled(cp.flow, loop, c.joins(cp.launch)) {
			continue
		}
		if cp.kind == kindStored && cp.singleSlot && !c.overwriteMatters(cp, loop) {
			continue
		}
		// Merge with the captures of other loops by the same literal.
		if prev := c.byLit[cp.lit]; prev != nil {
			for _, v := range cp.vars {
				if !containsVar(prev.vars, v) {
					prev.vars = append(prev.vars, v)
					prev.loops[v] = loop
				}
			}
			if cp.first.Pos() < prev.first.Pos() {
				prev.first = cp.first
			}
			continue
		}
		cp.loops = map[*types.Var]ast.Node{}
		for _, v := range cp.vars {
			cp.loops[v] = loop
		}
		c.byLit[cp.lit] = cp
		c.caps = append(c.caps, cp)
	}
}

// reportCaptures reports the captures of loop variables found in a file.
func (c *checker) reportCaptures() {
	for _, cp := range c.caps {
		fix, argFix := c.loopVarFix(cp)
		msg := loopVarMessage(cp.launch, cp.vars, argFix)
		if fix != nil {
			c.rep.Report(cp.first, CategoryLoopVar, msg, *fix)
		} else {
			c.rep.Report(cp.first, CategoryLoopVar, msg)
		}
	}
	c.caps, c.byLit = nil, nil
}

func containsVar(vars []*types.Var, v *types.Var) bool {
	for _, w := range vars {
		if w == v {
			return true
		}
	}
	return false
}

// escaping finds, among the function literals between the identifier at
// idCur and loop, the outermost one that runs after the iteration has
// moved on. It returns how it runs, its cursor, and the statement of the
// loop body (outside every literal) that creates it.
func (c *checker) escaping(idCur inspector.Cursor, loop ast.Node) (launch, inspector.Cursor, inspector.Cursor, bool) {
	var lits []inspector.Cursor // innermost first
	for p := range idCur.Enclosing() {
		if p.Node() == loop {
			break
		}
		switch p.Node().(type) {
		case *ast.FuncLit:
			lits = append(lits, p)
		case *ast.FuncDecl:
			return launch{}, inspector.Cursor{}, inspector.Cursor{}, false
		}
	}
	if len(lits) == 0 {
		return launch{}, inspector.Cursor{}, inspector.Cursor{}, false
	}
	pos := idCur.Node().Pos()
	outer := lits[len(lits)-1]
	for i := len(lits) - 1; i >= 0; i-- {
		outermost := i == len(lits)-1
		var l launch
		if outermost {
			l = c.classify(lits[i], loop)
		} else {
			l = c.classify(lits[i], nil)
		}
		switch l.kind {
		case kindSync:
			continue
		case kindDefer:
			// A defer inside another literal runs when that literal
			// returns.
			if !outermost {
				continue
			}
		case kindSubtest:
			// What runs before t.Parallel runs inside t.Run.
			if pos < l.parallel {
				continue
			}
		}
		// A reference inside a callback that the escaping literal hands to
		// some function runs when that function decides, which may be
		// synchronised with the loop by a protocol we cannot see.
		for j := 0; j < i; j++ {
			inner := unparen(lits[j])
			if inner.ParentEdgeKind() != edge.CallExpr_Fun && c.classify(lits[j], nil).kind == kindSync {
				return launch{}, inspector.Cursor{}, inspector.Cursor{}, false
			}
		}
		flow := l.stmt
		if !outermost {
			// A goroutine joined by the literal that starts it, which
			// runs in the iteration, ends in the iteration.
			if c.joinedWithin(l.stmt, l, c.joins(l)) {
				continue
			}
			// A test's helper goroutine inside a subtest that runs in the
			// iteration (t.Run without t.Parallel) serves that subtest: the
			// test talks to it (a fake server on a pipe) before t.Run
			// returns, an order no join shows.
			if c.inSyncSubtest(lits[i+1:]) {
				continue
			}
			flow = listStmt(outer)
		}
		if !flow.Valid() {
			return launch{}, inspector.Cursor{}, inspector.Cursor{}, false
		}
		return l, lits[i], flow, true
	}
	return launch{}, inspector.Cursor{}, inspector.Cursor{}, false
}

// overwriteMatters decides, for a closure stored in a single variable or
// field that each iteration may overwrite, whether a later iteration can
// change what it sees when it runs:
//   - the loop calls the closure of the previous iteration: it reads the
//     slot before the store (if prev != nil { prev() });
//   - or the closure survives the loop, stored conditionally (remember the
//     match) or by a three-clause loop (whose post statement changes the
//     variable once more): the slot is a field or variable that outlives
//     the function, or is used after the loop.
//
// A closure stored unconditionally by a range loop and not read back is
// the last one when the loop ends, and sees the last values, as it would
// with per-iteration variables; one used only during its iteration (a
// callback of a test's server configuration) sees its own.
func (c *checker) overwriteMatters(cp *capture, loop ast.Node) bool {
	root, _ := c.rootObj(cp.store).(*types.Var)
	if root == nil {
		return false
	}
	body := loopBody(loop)
	slot := types.ExprString(cp.store)
	storePos := cp.flow.Node().Pos()
	prevRead := false
	ast.Inspect(body, func(n ast.Node) bool {
		if prevRead || n == nil || n.Pos() >= storePos {
			return false
		}
		if e, ok := n.(ast.Expr); ok && types.ExprString(e) == slot && c.rootObj(e) == types.Object(root) {
			prevRead = true
		}
		return true
	})
	if prevRead {
		return true
	}
	_, three := loop.(*ast.ForStmt)
	conditional := cp.flow.ParentEdgeKind() != edge.BlockStmt_List || cp.flow.Parent().Node() != ast.Node(body)
	if !three && !conditional {
		return false
	}
	// Does the closure survive the loop?
	if root.Pkg() == nil || root.Parent() == root.Pkg().Scope() || !isIdent(astutil.Unparen(cp.store)) && !c.localValue(root) {
		return true // a package variable, or memory reached through a pointer
	}
	used := false
	fileEnd := c.file.End()
	ast.Inspect(c.file, func(n ast.Node) bool {
		if used || n == nil || n.End() <= loop.End() || n.Pos() >= fileEnd {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Pos() >= loop.End() && c.info.Uses[id] == types.Object(root) {
			used = true
		}
		return true
	})
	return used
}

func isIdent(e ast.Expr) bool {
	_, ok := e.(*ast.Ident)
	return ok
}

// localValue reports whether v is a local variable whose fields live in
// the function's own memory: a struct or array value, not a pointer, map
// or slice that may be shared with others.
func (c *checker) localValue(v *types.Var) bool {
	switch v.Type().Underlying().(type) {
	case *types.Struct, *types.Array:
		return true
	}
	return false
}

// rootObj returns the variable at the root of a selector, index or star
// expression.
func (c *checker) rootObj(e ast.Expr) types.Object {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return c.info.Uses[x]
		case *ast.SelectorExpr:
			if _, ok := c.info.Selections[x]; !ok {
				return c.info.Uses[x.Sel]
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return nil
		}
	}
}
