package chanleak

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/noreturn"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "chanleak"

// Category is the category of every diagnostic.
const Category = "goroutine-leak"

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      Name,
		Doc:       analyzerdoc.MustExtract(doc, Name),
		URL:       report.URL(Name),
		Requires:  []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer},
		FactTypes: []analysis.Fact{new(SendsFact)},
		Run:       run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c := &checker{pass: pass, root: root, noret: pass.ResultOf[noreturn.Analyzer].(*noreturn.Result)}
	c.exportSenders()
	for cur := range root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if v, ok := c.madeChan(cur, call); ok {
			if c.rep == nil {
				// In tests the way out that does not receive is a failure
				// timeout, and the goroutine ends with the test binary.
				c.rep = report.New(pass, report.SkipTestFiles)
			}
			if c.rep.Covers(call.Pos()) {
				c.check(cur, call, v)
			}
		}
	}
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	root  inspector.Cursor
	noret *noreturn.Result
	rep   *report.Reporter
	decls map[*types.Func]*ast.FuncDecl
}

// madeChan reports whether call is make(chan T[, n]) assigned to a new
// local variable by := or var, and returns the variable.
func (c *checker) madeChan(cur inspector.Cursor, call *ast.CallExpr) (*types.Var, bool) {
	id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) == 0 || len(call.Args) > 2 {
		return nil, false
	}
	if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
		return nil, false
	}
	t := c.pass.TypesInfo.TypeOf(call.Args[0])
	if t == nil {
		return nil, false
	}
	if _, ok := t.Underlying().(*types.Chan); !ok {
		return nil, false
	}
	if _, isParam := types.Unalias(t).(*types.TypeParam); isParam {
		return nil, false
	}
	var lhs ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if p.Tok != token.DEFINE || len(p.Lhs) != len(p.Rhs) || cur.ParentEdgeKind() != edge.AssignStmt_Rhs {
			return nil, false
		}
		lhs = p.Lhs[cur.ParentEdgeIndex()]
	case *ast.ValueSpec:
		if len(p.Names) != len(p.Values) || cur.ParentEdgeKind() != edge.ValueSpec_Values {
			return nil, false
		}
		lhs = p.Names[cur.ParentEdgeIndex()]
	default:
		return nil, false
	}
	lid, ok := lhs.(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := c.pass.TypesInfo.Defs[lid].(*types.Var)
	return v, ok && v != nil
}

// capacity returns the constant buffer size of make, or -1.
func (c *checker) capacity(call *ast.CallExpr) int {
	if len(call.Args) == 1 {
		return 0
	}
	tv, ok := c.pass.TypesInfo.Types[call.Args[1]]
	if !ok || tv.Value == nil {
		return -1
	}
	n, ok := constant.Int64Val(constant.ToInt(tv.Value))
	if !ok || n < 0 || n > 1<<20 {
		return -1
	}
	return int(n)
}

// A start is a goroutine that sends on the channel once.
type start struct {
	stmt *ast.GoStmt
	send ast.Node // the send statement, or the go statement for a worker
	last bool     // nothing runs in the goroutine after the send
	loop ast.Stmt // the innermost loop of the function around stmt, if any
	// worker names the function a go statement calls, for messages.
	worker string
}

// check analyses the channel variable v made by call.
func (c *checker) check(cur inspector.Cursor, call *ast.CallExpr, v *types.Var) {
	fnCur, body := enclosingFunc(cur)
	if body == nil || isMain(c.pass, fnCur) {
		return
	}
	capacity := c.capacity(call)
	if capacity != 0 {
		// A buffer: a constant one holds that many pending sends, one
		// computed at run time (len(urls)) is usually sized for them all.
		return
	}
	u, ok := c.uses(fnCur, body, v)
	if !ok || len(u.starts) == 0 {
		return
	}
	// All sends start in one loop or none; receives in loops only in that
	// loop (or one matched to it): other shapes are not counted here.
	var loop ast.Stmt
	for i, s := range u.starts {
		if i > 0 && s.loop != loop {
			return
		}
		loop = s.loop
	}
	if loop == nil && len(u.starts) > 1 {
		return
	}
	for _, r := range u.recvLoops {
		if r != loop && !sameTripCount(c.pass.TypesInfo, loop, r) {
			return
		}
	}
	g := cfg.New(body, c.noret.MayReturn)
	exit, ok := c.leakingPath(g, u, loop)
	if !ok {
		return
	}
	if ret, ok := exit.(*ast.ReturnStmt); ok && ret.Return == body.Rbrace {
		exit = endOfBody{body.Rbrace} // falls off the end: cfg's return
	}
	c.report(call, v, u, loop, exit, fnName(fnCur))
}

// uses classifies every use of v in the function: receives in the function
// itself, goroutines that send once, len and cap. Any other use (the
// channel escapes, is ranged over, closed, sent on by the function itself,
// or used in a select by its sender) makes ok false.
type useSet struct {
	starts    []start
	recvs     map[ast.Node]bool // receive expressions in the function itself
	recvLoops []ast.Stmt        // loops of the function around those receives
	lenCap    bool
}

func (c *checker) uses(fnCur inspector.Cursor, body *ast.BlockStmt, v *types.Var) (*useSet, bool) {
	u := &useSet{recvs: map[ast.Node]bool{}}
	lits := map[*ast.FuncLit]int{} // sends seen per goroutine literal
	bodyCur, ok := fnCur.FindNode(body)
	if !ok {
		return nil, false
	}
	for idCur := range bodyCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if c.pass.TypesInfo.Uses[id] != v {
			continue
		}
		use := idCur
		for use.ParentEdgeKind() == edge.ParenExpr_X {
			use = use.Parent()
		}
		lit, litCur := innerLit(idCur, body)
		if lit == nil {
			switch use.ParentEdgeKind() {
			case edge.UnaryExpr_X:
				if use.Parent().Node().(*ast.UnaryExpr).Op != token.ARROW {
					return nil, false
				}
				u.recvs[use.Parent().Node()] = true
				if l := enclosingLoop(use, body); l != nil {
					u.recvLoops = append(u.recvLoops, l)
				}
			case edge.CallExpr_Args:
				callCur := use.Parent()
				if isLenCap(c.pass.TypesInfo, callCur.Node().(*ast.CallExpr)) {
					u.lenCap = true
					continue
				}
				st, ok := c.workerStart(callCur, use.ParentEdgeIndex(), body)
				if !ok {
					return nil, false
				}
				u.starts = append(u.starts, st)
			default:
				return nil, false
			}
			continue
		}
		// In a function literal: only the one send of a goroutine
		// started right here.
		callCur := litCur.Parent()
		goCur := callCur.Parent()
		gostmt, ok := goCur.Node().(*ast.GoStmt)
		if !ok || litCur.ParentEdgeKind() != edge.CallExpr_Fun || callCur.ParentEdgeKind() != edge.GoStmt_Call {
			return nil, false
		}
		if outer, _ := innerLit(goCur, body); outer != nil {
			return nil, false // started by another literal
		}
		if use.ParentEdgeKind() != edge.SendStmt_Chan {
			return nil, false
		}
		sendCur := use.Parent()
		if !plainStmt(sendCur, lit.Body) {
			return nil, false // in a loop, a select or a nested literal
		}
		lits[lit]++
		if lits[lit] > 1 {
			return nil, false
		}
		body := lit.Body.List
		u.starts = append(u.starts, start{
			stmt: gostmt,
			send: sendCur.Node(),
			last: len(body) > 0 && body[len(body)-1] == sendCur.Node(),
			loop: enclosingLoop(goCur, fnBodyOf(fnCur)),
		})
	}
	return u, true
}

// workerStart accepts go worker(..., ch, ...) where worker's SendsFact
// says it sends on that parameter once.
func (c *checker) workerStart(callCur inspector.Cursor, arg int, body *ast.BlockStmt) (start, bool) {
	call := callCur.Node().(*ast.CallExpr)
	gostmt, ok := callCur.Parent().Node().(*ast.GoStmt)
	if !ok || callCur.ParentEdgeKind() != edge.GoStmt_Call {
		return start{}, false
	}
	if lit, _ := innerLit(callCur, body); lit != nil {
		return start{}, false
	}
	fn := match.Callee(c.pass.TypesInfo, call)
	if fn == nil || call.Ellipsis.IsValid() {
		return start{}, false
	}
	var fact SendsFact
	if !c.pass.ImportObjectFact(fn.Origin(), &fact) {
		return start{}, false
	}
	for _, p := range fact.Params {
		if p.Index == arg {
			return start{stmt: gostmt, send: gostmt, last: p.Last, loop: enclosingLoop(callCur.Parent(), body), worker: fn.Name()}, true
		}
	}
	return start{}, false
}

func isLenCap(info *types.Info, call *ast.CallExpr) bool {
	id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && (b.Name() == "len" || b.Name() == "cap")
}

// plainStmt reports whether the statement at cur runs at most once in body:
// no loop, select or function literal lies between them.
func plainStmt(cur inspector.Cursor, body *ast.BlockStmt) bool {
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.BlockStmt:
			if n == body {
				return true
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SelectStmt, *ast.FuncLit:
			return false
		}
	}
	return false
}

// enclosingFunc returns the function whose body holds cur, innermost first.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, *ast.BlockStmt) {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return f, fnBodyOf(f)
	}
	return inspector.Cursor{}, nil
}

func fnBodyOf(f inspector.Cursor) *ast.BlockStmt {
	switch n := f.Node().(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}

// isMain reports whether f is main.main: when it returns, the process
// exits, blocked goroutines and all.
func isMain(pass *analysis.Pass, f inspector.Cursor) bool {
	d, ok := f.Node().(*ast.FuncDecl)
	return ok && pass.Pkg.Name() == "main" && d.Recv == nil && d.Name.Name == "main"
}

func fnName(f inspector.Cursor) string {
	if d, ok := f.Node().(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "the function literal"
}

// innerLit returns the innermost function literal around cur inside body.
func innerLit(cur inspector.Cursor, body *ast.BlockStmt) (*ast.FuncLit, inspector.Cursor) {
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.BlockStmt:
			if n == body {
				return nil, inspector.Cursor{}
			}
		case *ast.FuncLit:
			return n, p
		}
	}
	return nil, inspector.Cursor{}
}

// enclosingLoop returns the innermost for or range statement around cur
// inside body, not crossing a function literal.
func enclosingLoop(cur inspector.Cursor, body *ast.BlockStmt) ast.Stmt {
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.BlockStmt:
			if n == body {
				return nil
			}
		case *ast.ForStmt:
			return n
		case *ast.RangeStmt:
			return n
		case *ast.FuncLit:
			return nil
		}
	}
	return nil
}

func (c *checker) report(call *ast.CallExpr, v *types.Var, u *useSet, loop ast.Stmt, exit ast.Node, fn string) {
	name := v.Name()
	exitLine := c.pass.Fset.Position(exit.Pos()).Line
	related := []analysis.RelatedInformation{
		{Pos: exit.Pos(), End: exit.End(), Message: fn + " returns here without receiving from " + name},
		{Pos: call.Pos(), End: call.End(), Message: name + " is made here, unbuffered"},
	}
	s := u.starts[0]
	who := "this send"
	if s.worker != "" {
		who = s.worker + "'s send on " + name
	}
	if loop != nil {
		c.rep.ReportDiagnostic(analysis.Diagnostic{
			Pos: s.send.Pos(), End: s.send.End(), Category: Category,
			Message: fmt.Sprintf("%s runs once in each goroutine started by the loop at line %d, but %s can return at line %d before it has received from every one: "+
				"%s is unbuffered, so each sender left blocks forever, and it and everything it references leak on every such call; "+
				"give %s a buffer for every sender (make(chan T, len(...))), or have the senders also select on the caller's ctx.Done()",
				who, c.pass.Fset.Position(loop.Pos()).Line, fn, exitLine, name, name),
			Related: related,
		})
		return
	}
	var fixes []analysis.SuggestedFix
	if s.last && !u.lenCap && len(call.Args) == 1 {
		fixes = []analysis.SuggestedFix{{
			Message:   "Give " + name + " a buffer of 1",
			TextEdits: []analysis.TextEdit{{Pos: call.Rparen, End: call.Rparen, NewText: []byte(", 1")}},
		}}
	}
	c.rep.ReportDiagnostic(analysis.Diagnostic{
		Pos: s.send.Pos(), End: s.send.End(), Category: Category,
		Message: fmt.Sprintf("%s blocks forever when %s returns at line %d without receiving from %s: %s is unbuffered, so the goroutine, "+
			"and everything it references, leaks on every such call; make(chan T, 1) lets the one send complete and the goroutine exit",
			who, fn, exitLine, name, name),
		Related:        related,
		SuggestedFixes: fixes,
	})
}
