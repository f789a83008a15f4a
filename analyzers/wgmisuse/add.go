package wgmisuse

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

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/effects"
)

// checkAddInGoroutine reports Add calls in the function literal started by
// gs that race with a Wait of the function that runs the go statement.
func (c *checker) checkAddInGoroutine(cur inspector.Cursor, gs *ast.GoStmt) {
	lit := goFuncLit(gs)
	if lit == nil || lit.Body == nil {
		return
	}
	fcur, fbody := enclosingFunc(cur)
	if fbody == nil {
		return
	}
	seen := map[key]bool{}
	for _, add := range c.calls(lit.Body, true) {
		if add.method != "Add" || len(add.args) != 1 || !c.positive(add.args[0]) || seen[add.key] {
			continue
		}
		seen[add.key] = true
		// The WaitGroup must be shared with the starting function: a
		// variable it sees, or one it hands to a parameter of the literal
		// (go func(wg *sync.WaitGroup) { wg.Add(1) ... }(&wg)).
		outer := add.key
		if declaredIn(add.key.root, lit) {
			if outer = c.argKey(gs, lit, add.key); !outer.valid() {
				continue
			}
		}
		wait := c.waitAfter(fcur, gs, outer)
		if wait == nil {
			continue // no Wait there to race with (Wait elsewhere: see doc)
		}
		// Another Add of the same WaitGroup in the starting function, outside
		// the goroutines it starts: the counter may already be above zero
		// while this Add runs (an outer Add counting this goroutine, whose
		// Add is for a goroutine it starts itself).
		if c.addInFunc(fcur, outer, func(call *ast.CallExpr) bool { return true }) {
			continue
		}
		// Anything that may synchronise with the goroutine between the go
		// statement and the Wait (a channel operation, a lock, another
		// Wait) may order the Add before the Wait.
		if c.syncBetween(cur, fbody, lit, wait.call) {
			continue
		}
		own := c.ownDone(lit, add.key)
		var msg string
		if own {
			msg = fmt.Sprintf("%s.Add is called inside the goroutine it counts: %s.Wait at line %d can run first, see a zero counter and return while the goroutine still runs; call %s.Add before the go statement",
				add.recv, wait.recv, c.line(wait.call.Pos()), add.recv)
		} else {
			msg = fmt.Sprintf("%s.Add is called inside a goroutine, concurrently with %s.Wait at line %d: Wait can see a zero counter and return before the work this Add counts has started; call %s.Add before the go statement that starts this goroutine",
				add.recv, wait.recv, c.line(wait.call.Pos()), add.recv)
		}
		var fixes []analysis.SuggestedFix
		if f, ok := c.fixAddIntoParent(cur, gs, lit, add); ok && outer == add.key {
			fixes = append(fixes, f)
		}
		c.reported[add.call] = true
		c.rep.ReportDiagnostic(analysis.Diagnostic{
			Pos:      add.call.Pos(),
			End:      add.call.End(),
			Category: CategoryAddInGoroutine,
			Message:  msg,
			Related: []analysis.RelatedInformation{{
				Pos:     wait.call.Pos(),
				End:     wait.call.End(),
				Message: fmt.Sprintf("%s.Wait may run before the Add", wait.recv),
			}},
			SuggestedFixes: fixes,
		})
	}
}

// checkAddInWorker reports go worker(&wg, ...) and go w.run() where the
// function or method (of this package, or of another through its
// AddsFact) calls Add on the WaitGroup it is handed, as a parameter or
// through its receiver: the Add runs in the new goroutine, as in
// checkAddInGoroutine, and races with a Wait of the starting function
// under the same conditions.
func (c *checker) checkAddInWorker(cur inspector.Cursor, gs *ast.GoStmt) {
	if gs.Call == nil || goFuncLit(gs) != nil || gs.Call.Ellipsis.IsValid() {
		return
	}
	fn := match.Callee(c.info, gs.Call)
	if fn == nil || match.InterfaceMethod(fn) {
		return
	}
	fcur, fbody := enclosingFunc(cur)
	if fbody == nil {
		return
	}
	for _, add := range c.workerAdds(fn) {
		outer := c.workerKey(gs.Call, add)
		if !outer.valid() {
			continue
		}
		wait := c.waitAfter(fcur, gs, outer)
		if wait == nil || c.addInFunc(fcur, outer, func(*ast.CallExpr) bool { return true }) || c.syncBetween(cur, fbody, nil, wait.call) {
			continue
		}
		name := effects.CallName(c.info, c.pass.Pkg, gs.Call, fn)
		d := analysis.Diagnostic{
			Pos:      gs.Call.Pos(),
			End:      gs.Call.End(),
			Category: CategoryAddInGoroutine,
			Message: fmt.Sprintf("%s calls Add on %s inside the goroutine this statement starts: %s.Wait at line %d can run first, see a zero counter and return while %s still runs; "+
				"call Add before the go statement and take it out of %s",
				name, wait.recv, wait.recv, c.line(wait.call.Pos()), name, fn.Name()),
			Related: []analysis.RelatedInformation{
				{Pos: wait.call.Pos(), End: wait.call.End(), Message: fmt.Sprintf("%s.Wait may run before the Add", wait.recv)},
			},
		}
		if add.Pos.IsValid() {
			d.Related = append([]analysis.RelatedInformation{{Pos: add.Pos, End: add.Pos, Message: "the Add, in " + fn.Name()}}, d.Related...)
		}
		c.rep.ReportDiagnostic(d)
		return // one finding per go statement
	}
}

// waitAfter returns the first Wait of k in the function at fcur that comes
// after gs: directly in the function's body, or in a function literal that
// the body starts with go or defers.
func (c *checker) waitAfter(fcur inspector.Cursor, gs *ast.GoStmt, k key) *wgCall {
	for cur := range fcur.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		wc, ok := c.wgCall(call)
		if !ok || wc.method != "Wait" || wc.key != k {
			continue
		}
		in, _ := enclosingFunc(cur)
		deferred := false
		if in == fcur {
			deferred = cur.ParentEdgeKind() == edge.DeferStmt_Call
		} else {
			// Inside a function literal: only one that fcur starts with
			// go or defers runs for sure after the go statement.
			if in.ParentEdgeKind() != edge.CallExpr_Fun {
				continue
			}
			stmt := in.Parent()
			switch stmt.ParentEdgeKind() {
			case edge.GoStmt_Call:
			case edge.DeferStmt_Call:
				deferred = true
			default:
				continue
			}
			if outer, _ := enclosingFunc(stmt); outer != fcur {
				continue
			}
		}
		// A deferred Wait runs when the function returns, wherever it is
		// written.
		if call.Pos() < gs.End() && !deferred {
			continue
		}
		return &wc
	}
	return nil
}

// addInFunc reports whether the function at fcur calls Add on k (with a
// count that may be positive, and for which ok holds) outside the function
// literals that it starts with go statements.
func (c *checker) addInFunc(fcur inspector.Cursor, k key, ok func(*ast.CallExpr) bool) bool {
	for cur := range fcur.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		wc, isWG := c.wgCall(call)
		if !isWG || wc.method != "Add" || wc.key != k || len(wc.args) != 1 || !c.positive(wc.args[0]) || !ok(call) {
			continue
		}
		if inGoLit(cur, fcur) {
			continue
		}
		return true
	}
	return false
}

// inGoLit reports whether cur lies in a function literal started by a go
// statement, below the function at top.
func inGoLit(cur, top inspector.Cursor) bool {
	for p := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if p == top {
			return false
		}
		if p.ParentEdgeKind() == edge.CallExpr_Fun && p.Parent().ParentEdgeKind() == edge.GoStmt_Call {
			return true
		}
	}
	return false
}

// syncBetween reports whether the code of the function body fbody that runs
// between the go statement at gsCur (which starts lit) and the Wait call
// may synchronise with the goroutine. When the go statement is in a loop
// that does not contain the Wait, the whole loop counts: later iterations
// run before the Wait too.
func (c *checker) syncBetween(gsCur inspector.Cursor, fbody *ast.BlockStmt, lit *ast.FuncLit, wait *ast.CallExpr) bool {
	start := gsCur.Node().End()
	for p := range gsCur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		n := p.Node()
		if _, isFunc := n.(*ast.FuncLit); isFunc {
			break
		}
		if _, isFunc := n.(*ast.FuncDecl); isFunc {
			break
		}
		if !(n.Pos() <= wait.Pos() && wait.Pos() < n.End()) {
			start = n.Pos()
		}
	}
	end := wait.Pos()
	if end < start {
		end = fbody.End() // a deferred Wait: it runs when the function returns
	}
	found := false
	ast.Inspect(fbody, func(n ast.Node) bool {
		if found || n == nil || n.End() <= start || n.Pos() >= end {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			// Other function literals run at other times; the one that
			// holds the Wait runs its code before the Wait.
			return n != lit && n.Pos() <= wait.Pos() && wait.Pos() < n.End()
		case *ast.SendStmt, *ast.SelectStmt:
			if n.Pos() >= start {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && n.Pos() >= start {
				found = true
			}
		case *ast.RangeStmt:
			if tv, ok := c.info.Types[n.X]; ok && tv.Type != nil {
				if _, isChan := tv.Type.Underlying().(*types.Chan); isChan {
					found = true
				}
			}
		case *ast.CallExpr:
			if n.Pos() >= start && c.mayBlock(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// mayBlock reports whether call may wait for another goroutine: a lock, a
// Wait of any kind, sync.Once.Do, or a call that is handed a channel.
func (c *checker) mayBlock(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if tv, ok := c.info.Types[a]; ok && tv.Type != nil {
			if _, isChan := tv.Type.Underlying().(*types.Chan); isChan {
				return true
			}
		}
	}
	fn := match.Callee(c.info, call)
	if fn == nil {
		return false
	}
	if strings.HasPrefix(fn.Name(), "Wait") {
		return true
	}
	switch {
	case match.Method(fn, "sync", "Mutex", "Lock"),
		match.Method(fn, "sync", "RWMutex", "Lock"),
		match.Method(fn, "sync", "RWMutex", "RLock"),
		match.Method(fn, "sync", "Once", "Do"),
		match.Method(fn, "sync", "Locker", "Lock"):
		return true
	}
	return false
}

// checkAddAfterGo reports Add calls that follow, in the same statement
// list, the go statement of a goroutine they count.
func (c *checker) checkAddAfterGo(root inspector.Cursor) {
	for cur := range root.Preorder((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil)) {
		var list []ast.Stmt
		switch n := cur.Node().(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		if len(list) < 2 || !c.rep.Covers(cur.Node().Pos()) {
			continue
		}
		for j, st := range list {
			es, ok := st.(*ast.ExprStmt)
			if !ok {
				continue
			}
			call, ok := es.X.(*ast.CallExpr)
			if !ok || c.reported[call] {
				continue
			}
			add, ok := c.wgCall(call)
			if !ok || add.method != "Add" || len(add.args) != 1 || !c.isConst(add.args[0]) || !c.positive(add.args[0]) {
				continue
			}
			// The nearest go statement before it that starts a goroutine
			// calling Done on the same WaitGroup.
			var gs *ast.GoStmt
			for i := j - 1; i >= 0; i-- {
				if g, ok := list[i].(*ast.GoStmt); ok && c.accounts(g, add.key) {
					gs = g
					break
				}
			}
			if gs == nil {
				continue
			}
			addCur, ok := cur.FindNode(call)
			if !ok {
				continue
			}
			fcur, _ := enclosingFunc(addCur)
			if !fcur.Valid() {
				continue
			}
			// Only the first Add of the function counts: an earlier one may
			// count this goroutine, and this Add a later one.
			if c.addInFunc(fcur, add.key, func(other *ast.CallExpr) bool { return other.Pos() < call.Pos() }) {
				continue
			}
			msg := fmt.Sprintf("%s.Add runs after the go statement it counts for: the goroutine may call %s.Done first (panic: negative WaitGroup counter) or a %s.Wait may return before the goroutine is counted; call %s.Add before the go statement",
				add.recv, add.recv, add.recv, add.recv)
			var fixes []analysis.SuggestedFix
			if add.sel {
				if f, ok := c.moveBefore(es, gs, fmt.Sprintf("Move %s.Add before the go statement", add.recv)); ok {
					fixes = append(fixes, f)
				}
			}
			c.rep.ReportDiagnostic(analysis.Diagnostic{
				Pos:      call.Pos(),
				End:      call.End(),
				Category: CategoryAddAfterGo,
				Message:  msg,
				Related: []analysis.RelatedInformation{{
					Pos:     gs.Pos(),
					End:     gs.Call.Pos(),
					Message: "the goroutine is started here, before it is counted",
				}},
				SuggestedFixes: fixes,
			})
		}
	}
}

// accounts reports whether the goroutine started by gs calls Done on k:
// a function literal that calls k.Done (at any depth), is handed k or
// k.Done, or a function of the package that calls Done on the WaitGroup it
// is handed (as an argument or through its receiver).
func (c *checker) accounts(gs *ast.GoStmt, k key) bool {
	if gs.Call == nil {
		return false
	}
	if c.handsOver(gs.Call, k) {
		return true
	}
	if lit := goFuncLit(gs); lit != nil {
		found := false
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if found {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok {
				if wc, ok := c.wgCall(call); ok && wc.method == "Done" && wc.key == k {
					found = true
				} else if c.handsOver(call, k) {
					found = true
				}
			}
			return !found
		})
		return found
	}
	// go x.run(): run calls Done on a WaitGroup reached from its receiver.
	fn := match.Callee(c.info, gs.Call)
	decl := c.decls[fn]
	if decl == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return false
	}
	sel, ok := astutil.Unparen(gs.Call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	base := c.keyOf(sel.X)
	recv := c.info.Defs[decl.Recv.List[0].Names[0]]
	if !base.valid() || recv == nil {
		return false
	}
	for _, d := range c.calls(decl.Body, false) {
		if d.method == "Done" && d.key.root == recv && (key{base.root, base.path + d.key.path}) == k {
			return true
		}
	}
	return false
}

// handsOver reports whether call is handed the WaitGroup k (k, &k) or its
// Done method value as an argument.
func (c *checker) handsOver(call *ast.CallExpr, k key) bool {
	for _, a := range call.Args {
		if c.keyOf(a) == k {
			return true
		}
		if sel := c.wgMethodValue(a); sel != nil && sel.Sel.Name == "Done" {
			if s := c.info.Selections[sel]; s != nil {
				idx := s.Index()
				if c.keyOf(sel.X).extend(idx[:len(idx)-1]) == k {
					return true
				}
			}
		}
	}
	return false
}

// fixAddIntoParent moves an Add that is a statement of the go function
// literal's body, preceded only by defer statements, to just before the go
// statement. It runs unconditionally there, so moving it keeps the count
// and closes the race.
func (c *checker) fixAddIntoParent(gsCur inspector.Cursor, gs *ast.GoStmt, lit *ast.FuncLit, add wgCall) (analysis.SuggestedFix, bool) {
	if !add.sel || !c.isConst(add.args[0]) {
		return analysis.SuggestedFix{}, false
	}
	switch gsCur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return analysis.SuggestedFix{}, false
	}
	var stmt ast.Stmt
	for _, st := range lit.Body.List {
		if es, ok := st.(*ast.ExprStmt); ok && es.X == ast.Expr(add.call) {
			stmt = st
			break
		}
		if _, ok := st.(*ast.DeferStmt); !ok {
			return analysis.SuggestedFix{}, false
		}
	}
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	return c.moveBefore(stmt, gs, fmt.Sprintf("Move %s.Add before the go statement", add.recv))
}

// moveBefore returns a fix that moves the one-line statement stmt to its
// own line just before the statement before, with before's indentation.
func (c *checker) moveBefore(stmt, before ast.Stmt, title string) (analysis.SuggestedFix, bool) {
	s, ok := c.ownLine(stmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	b, ok := c.ownLineStart(before)
	if !ok || b.start > s.start && b.start < s.end {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: title,
		TextEdits: []analysis.TextEdit{
			{Pos: b.start, End: b.start, NewText: []byte(b.indent + s.text + "\n")},
			{Pos: s.start, End: s.end},
		},
	}, true
}

// lineSpan is the span of a statement that is alone on its line.
type lineSpan struct {
	start, end token.Pos // the start of its line and the start of the next
	indent     string
	text       string // the statement's source, on one line
}

// ownLine returns the line of n when n starts and ends on the same line,
// with nothing but white space before it and nothing but white space and a
// line comment after it; text then includes the comment, which moves with
// the statement.
func (c *checker) ownLine(n ast.Node) (lineSpan, bool) {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return lineSpan{}, false
	}
	src := c.source(tf)
	if src == nil {
		return lineSpan{}, false
	}
	from, to := tf.Offset(n.Pos()), tf.Offset(n.End())
	if from < 0 || to > len(src) || from >= to {
		return lineSpan{}, false
	}
	text := string(src[from:to])
	if strings.ContainsAny(text, "\n\r") {
		return lineSpan{}, false
	}
	ls := from
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	if ls > 0 && src[ls-1] != '\n' {
		return lineSpan{}, false
	}
	le := to
	for le < len(src) && (src[le] == ' ' || src[le] == '\t' || src[le] == '\r') {
		le++
	}
	if le+1 < len(src) && src[le] == '/' && src[le+1] == '/' {
		// A line comment moves with the statement.
		for le < len(src) && src[le] != '\n' {
			le++
		}
		text = strings.TrimRight(string(src[from:le]), " \t\r")
	}
	if le < len(src) {
		if src[le] != '\n' {
			return lineSpan{}, false
		}
		le++
	}
	return lineSpan{start: tf.Pos(ls), end: tf.Pos(le), indent: string(src[ls:from]), text: text}, true
}

// source returns the content of tf, or nil.
func (c *checker) source(tf *token.File) []byte {
	if b, ok := c.files[tf]; ok {
		return b
	}
	var b []byte
	if c.pass.ReadFile != nil {
		if data, err := c.pass.ReadFile(tf.Name()); err == nil && len(data) == tf.Size() {
			b = data
		}
	}
	c.files[tf] = b
	return b
}

// ownDone reports whether the goroutine lit calls Done on k itself (in its
// body or a function literal it defers, not in goroutines it starts).
func (c *checker) ownDone(lit *ast.FuncLit, k key) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.CallExpr:
			if wc, ok := c.wgCall(n); ok && wc.method == "Done" && wc.key == k {
				found = true
			}
		}
		return !found
	})
	return found
}

// argKey translates k, rooted at a parameter of the function literal lit
// that gs starts, into the key of the argument gs passes for it; an invalid
// key when k is rooted elsewhere in lit or the argument has no key.
func (c *checker) argKey(gs *ast.GoStmt, lit *ast.FuncLit, k key) key {
	return c.paramArgKey(gs, lit.Type, k)
}

// paramArgKey is argKey for the parameters ft of whatever function gs
// starts.
func (c *checker) paramArgKey(gs *ast.GoStmt, ft *ast.FuncType, k key) key {
	if ft == nil || ft.Params == nil {
		return key{}
	}
	i := 0
	for _, field := range ft.Params.List {
		if _, variadic := field.Type.(*ast.Ellipsis); variadic {
			return key{}
		}
		for _, name := range field.Names {
			if c.info.Defs[name] == k.root && k.root != nil {
				if i >= len(gs.Call.Args) {
					return key{}
				}
				base := c.keyOf(gs.Call.Args[i])
				if !base.valid() {
					return key{}
				}
				return key{base.root, base.path + k.path}
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return key{}
}
