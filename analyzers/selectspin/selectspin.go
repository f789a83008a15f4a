package selectspin

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/branch"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/blocking"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "selectspin"

// Category is the category of every diagnostic.
const Category = "busy-loop"

const message = "this loop spins a CPU core at 100% while nothing is ready: the select's default branch neither blocks nor leaves the loop; " +
	"wait on the channels without default, or add a time.Ticker or time.Sleep"

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	var rep *report.Reporter // created on the first candidate: most packages have none
	for cur := range root.Preorder((*ast.SelectStmt)(nil)) {
		sel := cur.Node().(*ast.SelectStmt)
		def := defaultClause(sel)
		if def == nil {
			continue
		}
		if rep == nil {
			rep = report.New(pass) // a spinning test burns a CI core and slows every other test
		}
		if pass.Fset.File(sel.Pos()) == nil || !rep.Covers(sel.Pos()) {
			continue
		}
		if !spins(pass.TypesInfo, cur, def) {
			continue
		}
		rep.Report(report.Span{Start: def.Case, Stop: def.Colon + 1}, Category, message)
	}
	return nil, nil
}

// defaultClause returns the default clause of sel, or nil.
func defaultClause(sel *ast.SelectStmt) *ast.CommClause {
	if sel.Body == nil {
		return nil
	}
	for _, s := range sel.Body.List {
		if cc, ok := s.(*ast.CommClause); ok && cc.Comm == nil {
			return cc
		}
	}
	return nil
}

// spins reports whether the select at cur, whose default clause is def, is
// a statement of the body of a for loop in which an iteration that takes
// the default branch can neither block nor make progress towards leaving
// the loop.
func spins(info *types.Info, cur inspector.Cursor, def *ast.CommClause) bool {
	// The select, possibly labelled, must be a statement of the loop body
	// itself, so that it runs on every iteration that gets that far.
	stmt := cur
	for stmt.ParentEdgeKind() == edge.LabeledStmt_Stmt {
		stmt = stmt.Parent()
	}
	if stmt.ParentEdgeKind() != edge.BlockStmt_List {
		return false
	}
	body := stmt.Parent()
	if body.ParentEdgeKind() != edge.ForStmt_Body {
		// Range loops are not reported: over a slice, map, string, array
		// or integer each iteration consumes an element (a bounded poll);
		// over a channel the range blocks; over a function it runs code we
		// cannot see.
		return false
	}
	loopCur := body.Parent()
	loop, ok := loopCur.Node().(*ast.ForStmt)
	if !ok || loop.Body == nil {
		return false
	}
	s := &scanner{info: info, loop: loop}

	// The default branch itself.
	var inDefault effects
	s.scan(find(cur, def), &inDefault)
	if inDefault.blocks || inDefault.leaves {
		return false
	}

	// Everything else that runs on such an iteration: the operands of the
	// other cases (evaluated before the select chooses), the other
	// statements of the body, the condition and the post statement.
	var rest effects
	sel := cur.Node().(*ast.SelectStmt)
	for _, st := range sel.Body.List {
		cc, ok := st.(*ast.CommClause)
		if !ok || cc.Comm == nil {
			continue
		}
		ops, ok := blocking.CommOperands(cc.Comm)
		if !ok {
			return false // not a well-formed communication (type errors)
		}
		for _, e := range ops {
			s.scan(find(cur, e), &rest)
		}
	}
	skipAfter := s.endsWithContinue(find(cur, def), def)
	after := false
	for c := range body.Children() {
		if c == stmt {
			after = true
			continue
		}
		if after && skipAfter {
			break
		}
		s.scan(c, &rest)
	}
	if loop.Cond != nil {
		s.scan(find(loopCur, loop.Cond), &rest)
	}
	if loop.Post != nil {
		s.scan(find(loopCur, loop.Post), &rest)
	}
	if rest.blocks {
		return false
	}
	// A loop that can end by itself (a condition, a post statement, an
	// exit outside the select) may be making progress towards its end when
	// the iteration changes state that outlives it: a bounded retry, a
	// drain, a scan. A loop that cannot end by itself ends only when a case
	// is ready, whatever its default iterations change.
	canEnd := loop.Cond != nil || loop.Post != nil || rest.leaves
	if canEnd && (inDefault.changes || rest.changes) {
		// for running { select { ...; default: n++ } } spins as much as a
		// loop without condition when nothing the iteration changes is
		// read by the condition: only another goroutine can end it.
		known := (!inDefault.changes || len(inDefault.written) > 0) && (!rest.changes || len(rest.written) > 0)
		return known && loop.Post == nil && !rest.leaves && condUntouched(info, loop.Cond, inDefault.written, rest.written)
	}
	return true
}

// condUntouched reports whether cond is a pure test of variables and
// fields (and atomic loads) none of which the iteration writes: written
// holds the variables and fields it may write, by the last name of each
// written expression.
func condUntouched(info *types.Info, cond ast.Expr, written ...map[types.Object]bool) bool {
	reads := map[types.Object]bool{}
	pure := true
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			fn := match.Callee(info, n)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync/atomic" || !strings.HasPrefix(fn.Name(), "Load") {
				pure = false // a call may be the progress (it.Next())
			}
		case *ast.Ident:
			if obj := info.ObjectOf(n); obj != nil {
				reads[obj] = true
			}
		}
		return pure
	})
	if !pure {
		return false
	}
	for _, w := range written {
		for obj := range w {
			if reads[obj] {
				return false
			}
		}
	}
	return true
}

// find returns the cursor of n in the subtree at c; an invalid cursor, which
// scan treats as blocking, if it is not there.
func find(c inspector.Cursor, n ast.Node) inspector.Cursor {
	if n == nil {
		return inspector.Cursor{}
	}
	found, _ := c.FindNode(n)
	return found
}

// effects summarises what a piece of code may do.
type effects struct {
	blocks  bool // may block, runs code we cannot see, or loops
	leaves  bool // may leave the loop (return, break, goto, panic)
	changes bool // may change state that outlives the iteration
	// written holds what those changes write, by the last name of each
	// written expression (x for x, f for x.f and x.f[i]; every name in
	// expressions it cannot name, such as *p or &x passed to an atomic).
	written map[types.Object]bool
}

// writeAtomic records what an atomic call writes: x.n of x.n.Add(1), x of
// atomic.AddInt64(&x, 1).
func (s *scanner) writeAtomic(e *effects, call *ast.CallExpr, fn *types.Func) {
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Type().(*types.Signature).Recv() != nil {
		s.write(e, sel.X)
		return
	}
	if len(call.Args) > 0 {
		if u, ok := astutil.Unparen(call.Args[0]).(*ast.UnaryExpr); ok && u.Op == token.AND {
			s.write(e, u.X)
			return
		}
		s.write(e, call.Args[0])
		return
	}
	e.changes = true
}

// write records a change of e.
func (s *scanner) write(e *effects, x ast.Expr) {
	e.changes = true
	if e.written == nil {
		e.written = map[types.Object]bool{}
	}
	for {
		switch y := astutil.Unparen(x).(type) {
		case *ast.Ident:
			if obj := s.info.ObjectOf(y); obj != nil {
				e.written[obj] = true
			}
			return
		case *ast.SelectorExpr:
			if obj := s.info.ObjectOf(y.Sel); obj != nil {
				e.written[obj] = true
			}
			return
		case *ast.IndexExpr:
			x = y.X
			continue
		}
		ast.Inspect(x, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if obj := s.info.ObjectOf(id); obj != nil {
					e.written[obj] = true
				}
			}
			return true
		})
		return
	}
}

type scanner struct {
	info *types.Info
	loop *ast.ForStmt
}

// scan adds the effects of the code at c to e.
func (s *scanner) scan(c inspector.Cursor, e *effects) {
	if !c.Valid() {
		e.blocks = true // not in the tree (a synthetic node): be conservative
		return
	}
	c.Inspect(nil, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.BadExpr, *ast.BadStmt, *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt, *ast.SelectStmt, *ast.SendStmt,
			*ast.ForStmt, *ast.RangeStmt:
			// A nested select may block; a function literal, go and defer
			// run code at other times than the iteration; an inner loop is
			// work done between polls (or ranges over a channel or an
			// iterator), not waiting.
			e.blocks = true
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				e.blocks = true
				return false
			}
		case *ast.CallExpr:
			s.call(n, e)
		case *ast.ReturnStmt:
			e.leaves = true
		case *ast.BranchStmt:
			if s.leavesLoop(c, n) {
				e.leaves = true
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if !s.local(lhs) {
					s.write(e, lhs)
				}
			}
		case *ast.IncDecStmt:
			if !s.local(n.X) {
				s.write(e, n.X)
			}
		}
		return true
	})
}

// call adds the effects of call to e. Only a few calls are known not to
// block; every other call may.
func (s *scanner) call(call *ast.CallExpr, e *effects) {
	fun := astutil.Unparen(call.Fun)
	if tv, ok := s.info.Types[fun]; ok && tv.IsType() {
		return // a conversion
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr: // unsafe.Sizeof and friends
		id = f.Sel
	}
	if id != nil {
		if b, ok := s.info.Uses[id].(*types.Builtin); ok && b != nil {
			switch b.Name() {
			case "len", "cap", "append", "min", "max", "new", "make", "complex", "real", "imag", "recover",
				"Sizeof", "Alignof", "Offsetof", "Add", "Slice", "SliceData", "String", "StringData":
			case "copy", "delete", "clear":
				if len(call.Args) > 0 {
					s.write(e, call.Args[0])
				} else {
					e.changes = true
				}
			case "panic":
				e.leaves = true
			default: // close, print, println
				e.blocks = true
			}
			return
		}
	}
	fn := match.Callee(s.info, call)
	switch {
	case fn == nil: // a function value, whose code we cannot see
		e.blocks = true
	case fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic":
		// Functions of sync/atomic and methods of its types never block.
		if !strings.HasPrefix(fn.Name(), "Load") {
			s.writeAtomic(e, call, fn)
		}
	case nonBlocking(fn):
	default:
		e.blocks = true
	}
}

// nonBlocking reports whether fn is one of the few functions outside
// sync/atomic known to return at once without waiting for anything.
func nonBlocking(fn *types.Func) bool {
	switch {
	case match.Func(fn, "runtime", "Gosched"),
		match.Func(fn, "time", "Now"),
		match.Func(fn, "time", "Since"),
		match.Func(fn, "time", "Until"),
		match.Func(fn, "time", "After"),
		// Done only returns the channel; waiting on it is the select's job.
		match.Method(fn, "context", "Context", "Done"):
		return true
	}
	// Methods of time.Time and time.Duration are pure computations.
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		recv := sig.Recv().Type()
		return match.NamedType(recv, "time", "Time") || match.NamedType(recv, "time", "Duration")
	}
	return false
}

// local reports whether assigning to e changes only a variable declared in
// the loop body (fresh on each iteration) or the blank identifier.
func (s *scanner) local(e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	if id.Name == "_" {
		return true
	}
	v, ok := s.info.ObjectOf(id).(*types.Var)
	if !ok || v == nil {
		return false
	}
	return s.loop.Body.Pos() < v.Pos() && v.Pos() < s.loop.Body.End()
}

// leavesLoop reports whether the branch statement br, at c inside the loop
// body, may leave the loop.
func (s *scanner) leavesLoop(c inspector.Cursor, br *ast.BranchStmt) bool {
	switch br.Tok {
	case token.FALLTHROUGH:
		return false
	case token.GOTO:
		return true // rare enough not to follow
	}
	target := branch.Target(s.info, c, br)
	if target == nil {
		return true
	}
	if target == ast.Node(s.loop) {
		return br.Tok == token.BREAK // continue starts the next iteration
	}
	inside := s.loop.Body.Pos() <= target.Pos() && target.End() <= s.loop.Body.End()
	return !inside
}

// endsWithContinue reports whether the default clause ends by starting the
// next iteration of the loop, skipping the statements after the select.
func (s *scanner) endsWithContinue(defCur inspector.Cursor, def *ast.CommClause) bool {
	if len(def.Body) == 0 || !defCur.Valid() {
		return false
	}
	br, ok := def.Body[len(def.Body)-1].(*ast.BranchStmt)
	if !ok || br.Tok != token.CONTINUE {
		return false
	}
	brCur, ok := defCur.FindNode(br)
	return ok && branch.Target(s.info, brCur, br) == ast.Node(s.loop)
}
