package wgmisuse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/noreturn"
)

// checkDone reports goroutines that call Done without defer and can end
// without reaching it: function literals started with go, and functions of
// the package that a go statement starts.
func (c *checker) checkDone(root inspector.Cursor) {
	seen := map[*ast.FuncDecl]bool{}
	for cur := range root.Preorder((*ast.GoStmt)(nil)) {
		gs := cur.Node().(*ast.GoStmt)
		if gs.Call == nil {
			continue
		}
		if lit := goFuncLit(gs); lit != nil {
			if lit.Body != nil && c.rep.Covers(lit.Pos()) {
				c.checkBody(lit.Body)
			}
			continue
		}
		decl := c.decls[match.Callee(c.info, gs.Call)]
		if decl == nil || seen[decl] || !c.rep.Covers(decl.Pos()) {
			continue
		}
		seen[decl] = true
		c.checkBody(decl.Body)
	}
}

// exit kinds
const (
	exitReturn = iota // a return statement
	exitPanic         // a panic that a deferred recover stops
	exitGoexit        // runtime.Goexit
)

type exit struct {
	kind int
	node ast.Node
}

// checkBody checks the body of one goroutine.
func (c *checker) checkBody(body *ast.BlockStmt) {
	direct := map[key][]wgCall{} // Done calls that are neither deferred nor in a function literal
	skip := map[key]bool{}       // deferred, handed over, counted here or tested: not followed
	var order []key
	hasDefer := false
	var latches []*ast.IfStmt // if statements decided by sync/atomic
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			hasDefer = true
			for _, wc := range c.calls(n, false) {
				skip[wc.key] = true
			}
			c.markHandedOver(n.Call, skip)
			return false
		case *ast.GoStmt:
			// Another goroutine that calls Done on a WaitGroup, or is
			// handed one, may be taking over this goroutine's Done.
			for _, wc := range c.calls(n, false) {
				if wc.method == "Done" {
					skip[wc.key] = true
				}
			}
			c.markHandedOver(n.Call, skip)
			return false
		case *ast.FuncLit:
			for _, wc := range c.calls(n, false) {
				if wc.method == "Done" {
					skip[wc.key] = true
				}
			}
			return false
		case *ast.CallExpr:
			if wc, ok := c.wgCall(n); ok {
				switch wc.method {
				case "Done":
					if _, ok := direct[wc.key]; !ok {
						order = append(order, wc.key)
					}
					direct[wc.key] = append(direct[wc.key], wc)
				case "Add", "Go":
					// The goroutine counts by itself: an early return
					// before its own Add owes no Done.
					skip[wc.key] = true
				}
			}
		case *ast.IfStmt:
			if c.condition(n.Cond, skip) {
				latches = append(latches, n)
			}
		case *ast.SwitchStmt:
			c.condition(n.Tag, skip)
		case *ast.CaseClause:
			for _, e := range n.List {
				c.condition(e, skip)
			}
		case *ast.ForStmt:
			c.condition(n.Cond, skip)
		}
		return true
	})
	var g *cfg.CFG
	for _, k := range order {
		if skip[k] {
			continue
		}
		if g == nil {
			g = cfg.New(body, c.mayReturn)
		}
		ex, maybe, ok := c.skippingExit(g, body, k)
		if !ok || inLatch(latches, ex.node) || slices.ContainsFunc(direct[k], func(wc wgCall) bool { return inLatch(latches, wc.call) }) {
			continue
		}
		c.reportSkippedDone(body, k, direct[k], ex, maybe, hasDefer)
	}
}

// markHandedOver marks the WaitGroups that call is handed (as k, &k or
// k.Done) in skip.
func (c *checker) markHandedOver(call *ast.CallExpr, skip map[key]bool) {
	if call == nil {
		return
	}
	for _, a := range call.Args {
		if k := c.keyOf(a); k.valid() {
			skip[k] = true
		}
		if sel := c.wgMethodValue(a); sel != nil {
			if s := c.info.Selections[sel]; s != nil {
				idx := s.Index()
				skip[c.keyOf(sel.X).extend(idx[:len(idx)-1])] = true
			}
		}
	}
}

// skippingExit finds the earliest exit of the goroutine that a path from
// its entry reaches without calling Done on k, nor anything that may call
// it. maybe reports whether such calls exist (then no fix is offered).
// ok is false when every path calls Done, or when Done is called in a loop
// (once per item, not once per goroutine).
func (c *checker) skippingExit(g *cfg.CFG, body *ast.BlockStmt, k key) (ex exit, maybe bool, ok bool) {
	if len(g.Blocks) == 0 {
		return exit{}, false, false
	}
	stops := map[*cfg.Block]bool{}
	var dones []*cfg.Block
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			d, m := c.doneIn(n, k)
			if d {
				dones = append(dones, b)
			}
			if d || m {
				stops[b] = true
			}
			if m {
				maybe = true
			}
		}
	}
	// Done in a loop is per-item accounting: not ours to judge.
	for _, b := range dones {
		if reaches(b, b) {
			return exit{}, false, false
		}
	}
	var exits []exit
	visited := map[*cfg.Block]bool{}
	queue := []*cfg.Block{g.Blocks[0]}
	visited[g.Blocks[0]] = true
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if stops[b] {
			continue
		}
		if len(b.Succs) == 0 {
			if e, ok := c.classify(b, body); ok {
				exits = append(exits, e)
			}
			continue
		}
		for _, s := range b.Succs {
			if !visited[s] {
				visited[s] = true
				queue = append(queue, s)
			}
		}
	}
	if len(exits) == 0 {
		return exit{}, false, false
	}
	slices.SortFunc(exits, func(a, b exit) int { return int(a.node.Pos()) - int(b.node.Pos()) })
	return exits[0], maybe, true
}

// reaches reports whether block to can be reached from the successors of
// from.
func reaches(from, to *cfg.Block) bool {
	seen := map[*cfg.Block]bool{}
	stack := slices.Clone(from.Succs)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == to {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

// doneIn reports whether the CFG node n calls Done on k (done), or calls
// something that may call it (maybe): a function handed k or k.Done, or a
// function of the package that calls Done on some WaitGroup.
func (c *checker) doneIn(n ast.Node, k key) (done, maybe bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if wc, ok := c.wgCall(n); ok {
				if wc.method == "Done" && wc.key == k {
					done = true
				}
				return true
			}
			if c.handsOver(n, k) {
				maybe = true
			}
			if fn := match.Callee(c.info, n); fn != nil && c.callsDone[fn] {
				maybe = true
			}
		}
		return true
	})
	return done, maybe
}

// classify returns the kind of exit that ends block b (which has no
// successors), and false for an exit that ends the process.
func (c *checker) classify(b *cfg.Block, body *ast.BlockStmt) (exit, bool) {
	if len(b.Nodes) > 0 {
		last := b.Nodes[len(b.Nodes)-1]
		if ret, ok := last.(*ast.ReturnStmt); ok {
			if ret.Return == body.Rbrace {
				// The builder's implicit return at the end of the body: a
				// Done that only some paths reach (the last of several
				// goroutines to finish calls it, say) is not reported.
				return exit{}, false
			}
			return exit{exitReturn, ret}, true
		}
		if es, ok := last.(*ast.ExprStmt); ok {
			if call, ok := es.X.(*ast.CallExpr); ok && !c.mayReturn(call) {
				switch c.noReturnKind(call) {
				case exitPanic:
					return exit{exitPanic, call}, true
				case exitGoexit:
					return exit{exitGoexit, call}, true
				}
				return exit{}, false // os.Exit, log.Fatal: the process ends
			}
		}
	}
	// A block without successors that ends in neither is a select with
	// no ready case and no default: it blocks, it does not exit.
	return exit{}, false
}

// mayReturn is the CFG's view of calls that never return.
func (c *checker) mayReturn(call *ast.CallExpr) bool {
	return c.noret.MayReturn(call)
}

const processExit = 100

// noReturnKind returns exitPanic, exitGoexit or processExit for calls that
// never return, -1 for others. A call that ends in different ways on
// different paths counts as a process exit: nothing is reported for it.
func (c *checker) noReturnKind(call *ast.CallExpr) int {
	k, never := c.noret.Call(call)
	switch {
	case !never:
		return -1
	case k == noreturn.Panic:
		return exitPanic
	case k == noreturn.Goexit:
		return exitGoexit
	}
	return processExit
}

// hasRecover reports whether body defers a recover: a deferred function
// literal that calls recover, or a deferred function of the package that
// does.
func (c *checker) hasRecover(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.DeferStmt:
			if n.Call == nil {
				return false
			}
			if lit, ok := astutil.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				found = c.callsRecover(lit.Body)
			} else if decl := c.decls[match.Callee(c.info, n.Call)]; decl != nil {
				found = c.callsRecover(decl.Body)
			}
			return false
		}
		return true
	})
	return found
}

func (c *checker) callsRecover(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := c.info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// reportSkippedDone reports the exit ex that skips the Done calls dones on
// k, with a fix when the only Done is the body's last statement.
func (c *checker) reportSkippedDone(body *ast.BlockStmt, k key, dones []wgCall, ex exit, maybe, hasDefer bool) {
	done := dones[0]
	w := done.recv
	var (
		rng analysis.Range
		msg string
	)
	consequence := fmt.Sprintf("the WaitGroup counter never reaches zero and %s.Wait blocks forever; write defer %s.Done() at the top of the goroutine", w, w)
	switch ex.kind {
	case exitReturn:
		ret := ex.node.(*ast.ReturnStmt)
		rng = report.Span{Start: ret.Return, Stop: ret.Return + token.Pos(len("return"))}
		msg = fmt.Sprintf("this return ends the goroutine without calling %s.Done, which is not deferred: %s", w, consequence)
	case exitPanic:
		if !c.hasRecover(body) {
			return // an unrecovered panic ends the process: no hang
		}
		rng = ex.node
		msg = fmt.Sprintf("this panic is recovered and ends the goroutine without calling %s.Done, which is not deferred: %s", w, consequence)
	case exitGoexit:
		rng = ex.node
		how := "runtime.Goexit"
		if call, ok := ex.node.(*ast.CallExpr); ok && !match.Func(match.Callee(c.info, call), "runtime", "Goexit") {
			how = types.ExprString(call.Fun) + " calls runtime.Goexit, which"
		}
		msg = fmt.Sprintf("%s ends the goroutine without calling %s.Done, which is not deferred: %s", how, w, consequence)
	default:
		return
	}
	d := analysis.Diagnostic{
		Pos:      rng.Pos(),
		End:      rng.End(),
		Category: CategoryDoneSkipped,
		Message:  msg,
		Related: []analysis.RelatedInformation{{
			Pos:     done.call.Pos(),
			End:     done.call.End(),
			Message: fmt.Sprintf("%s.Done is called here, only on the paths that get this far", w),
		}},
	}
	if !maybe && !hasDefer && len(dones) == 1 {
		if f, ok := c.fixDeferDone(body, done); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
	}
	c.rep.ReportDiagnostic(d)
}

// fixDeferDone turns a Done that is the last statement of the body into
// defer wg.Done() at the top of the body. Only offered when it is the only
// Done, the body defers nothing else (the order of deferred calls does not
// change) and the WaitGroup is reached from a variable declared outside the
// body (so that it can be named at the top).
func (c *checker) fixDeferDone(body *ast.BlockStmt, done wgCall) (analysis.SuggestedFix, bool) {
	if !done.sel || len(body.List) < 2 || declaredIn(done.key.root, body) {
		return analysis.SuggestedFix{}, false
	}
	last, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok || last.X != ast.Expr(done.call) {
		return analysis.SuggestedFix{}, false
	}
	s, ok := c.ownLine(last)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	first, ok := c.ownLineStart(body.List[0])
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Defer %s.Done at the top of the goroutine", done.recv),
		TextEdits: []analysis.TextEdit{
			{Pos: first.start, End: first.start, NewText: []byte(first.indent + "defer " + s.text + "\n")},
			{Pos: s.start, End: s.end},
		},
	}, true
}

// ownLineStart returns the start and indentation of the line where n
// starts, when only white space precedes n there.
func (c *checker) ownLineStart(n ast.Node) (lineSpan, bool) {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return lineSpan{}, false
	}
	src := c.source(tf)
	from := tf.Offset(n.Pos())
	if src == nil || from < 0 || from > len(src) {
		return lineSpan{}, false
	}
	ls := from
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	if ls > 0 && src[ls-1] != '\n' {
		return lineSpan{}, false
	}
	return lineSpan{start: tf.Pos(ls), indent: string(src[ls:from])}, true
}

// condition records what a branch condition of the goroutine tells: a
// WaitGroup it mentions (if wg == nil { return }: nothing waits on a nil
// WaitGroup) is not followed. It reports whether the condition calls
// sync/atomic: an if statement that does may be a latch, where the last
// goroutine to finish calls Done and the others return early.
func (c *checker) condition(cond ast.Expr, skip map[key]bool) (latch bool) {
	if cond == nil {
		return false
	}
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident, *ast.SelectorExpr:
			if k := c.keyOf(n.(ast.Expr)); k.valid() {
				skip[k] = true
			}
		case *ast.CallExpr:
			if fn := match.Callee(c.info, n); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic" {
				latch = true
			}
		}
		return true
	})
	return latch
}

// inLatch reports whether n lies in one of the latch if statements.
func inLatch(latches []*ast.IfStmt, n ast.Node) bool {
	for _, l := range latches {
		if n != nil && l.Pos() <= n.Pos() && n.End() <= l.End() {
			return true
		}
	}
	return false
}
