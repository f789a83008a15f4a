package loopcapture

import (
	_ "embed"
	"fmt"
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
	"github.com/prodvet/prodvet/internal/goversion"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/effects"
	"github.com/prodvet/prodvet/passes/goroutines"
	"github.com/prodvet/prodvet/passes/noreturn"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "loopcapture"

// Categories of the diagnostics.
const (
	// CategoryLoopVar: a closure that outlives its iteration captures a
	// loop variable shared by all iterations (files before Go 1.22).
	CategoryLoopVar = "loopvar-capture"
	// CategoryRace: goroutines started in a loop share a variable that the
	// loop or the goroutines write (any Go version).
	CategoryRace = "loop-race"
)

const errgroupPath = goroutines.ErrgroupPath

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer, effects.Analyzer},
		Run:      run,
	}
}

type checker struct {
	pass *analysis.Pass
	info *types.Info
	rep  *report.Reporter
	// noret tells which calls never return.
	noret *noreturn.Result
	file  *ast.File
	// captures of loop variables found in the file, by literal
	caps  []*capture
	byLit map[*ast.FuncLit]*capture
	// effects summarises what called functions write.
	effects *effects.Result
	// classified caches classify for a literal and a loop.
	classified map[litLoop]launch
}

type litLoop struct {
	lit  *ast.FuncLit
	loop ast.Node
}

func run(pass *analysis.Pass) (any, error) {
	if pass.TypesInfo == nil || pass.Pkg == nil {
		return nil, nil
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	if !relevant(pass, root) {
		return nil, nil
	}
	c := &checker{pass: pass, info: pass.TypesInfo, rep: report.New(pass), noret: pass.ResultOf[noreturn.Analyzer].(*noreturn.Result),
		effects: pass.ResultOf[effects.Analyzer].(*effects.Result)}
	for fileCur := range root.Children() {
		file, ok := fileCur.Node().(*ast.File)
		if !ok {
			continue
		}
		c.file = file
		if !goversion.AtLeast(c.info, file, goversion.PerIterationLoopVars) {
			c.byLit = map[*ast.FuncLit]*capture{}
			for loopCur := range fileCur.Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
				c.checkLoopVars(loopCur)
			}
			c.reportCaptures()
		}
		for cur := range fileCur.Preorder((*ast.FuncLit)(nil), (*ast.GoStmt)(nil)) {
			if _, isGo := cur.Node().(*ast.GoStmt); isGo {
				c.checkGoCall(cur)
			} else {
				c.checkRaces(cur)
			}
		}
	}
	return nil, nil
}

// relevant is the fast path: a package whose files all have per-iteration
// loop variables can only have the races of goroutines, which need a go
// statement, sync.WaitGroup.Go or errgroup.
func relevant(pass *analysis.Pass, root inspector.Cursor) bool {
	for _, f := range pass.Files {
		if !goversion.AtLeast(pass.TypesInfo, f, goversion.PerIterationLoopVars) {
			return true
		}
	}
	if goroutines.Imports(pass.Pkg) {
		return true
	}
	for range root.Preorder((*ast.GoStmt)(nil)) {
		return true
	}
	return false
}

// ---- how a function literal runs ----

// kind says when a function literal runs relative to the iteration that
// creates it.
type kind int

const (
	kindSync      kind = iota // called in the iteration, or unknown
	kindGo                    // go func(){...}()
	kindDefer                 // defer func(){...}()
	kindErrgroup              // errgroup.Group.Go / TryGo
	kindWaitGroup             // sync.WaitGroup.Go
	kindSubtest               // t.Run with t.Parallel
	kindStored                // stored where it outlives the iteration
	kindHandler               // registered as an HTTP handler
	kindTimer                 // time.AfterFunc
)

func (k kind) goroutine() bool { return k == kindGo || k == kindErrgroup || k == kindWaitGroup }

// launch describes how a function literal escapes its iteration.
type launch struct {
	kind kind
	lit  *ast.FuncLit
	// stmt is the statement, in a statement list, that starts or stores
	// the literal.
	stmt inspector.Cursor
	// starter is the receiver of g.Go or wg.Go.
	starter ast.Expr
	// parallel is the end of the t.Parallel() statement of a subtest.
	parallel token.Pos
	// where the literal is stored (kindStored), and whether it is a single
	// slot (a variable or a field) that each iteration overwrites.
	store      ast.Expr
	singleSlot bool
	// call is the go or defer call whose function is the literal itself,
	// nil otherwise (then the literal cannot get the variables as
	// arguments).
	call *ast.CallExpr
}

// unparen returns the outermost cursor of the parenthesised expression at
// c, whose parent is not a ParenExpr.
func unparen(c inspector.Cursor) inspector.Cursor {
	for c.ParentEdgeKind() == edge.ParenExpr_X {
		c = c.Parent()
	}
	return c
}

// classify tells how the function literal at litCur runs. loop, when not
// nil, is the loop whose iteration matters: closures stored in variables
// declared outside it escape, and closures stored in variables declared
// in its body are followed to where those are used.
func (c *checker) classify(litCur inspector.Cursor, loop ast.Node) launch {
	lit := litCur.Node().(*ast.FuncLit)
	key := litLoop{lit, loop}
	if l, ok := c.classified[key]; ok {
		return l
	}
	l := c.classifyExpr(unparen(litCur), lit, loop, true)
	if c.classified == nil {
		c.classified = map[litLoop]launch{}
	}
	c.classified[key] = l
	return l
}

// classifyExpr tells how the function value at cur (the literal lit or a
// variable holding it) runs.
func (c *checker) classifyExpr(cur inspector.Cursor, lit *ast.FuncLit, loop ast.Node, followAlias bool) launch {
	none := launch{kind: kindSync, lit: lit}
	switch cur.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		callCur := cur.Parent()
		call := callCur.Node().(*ast.CallExpr)
		l := launch{lit: lit, stmt: listStmt(callCur)}
		if _, isLit := cur.Node().(*ast.FuncLit); isLit {
			l.call = call
		}
		switch callCur.ParentEdgeKind() {
		case edge.GoStmt_Call:
			l.kind = kindGo
		case edge.DeferStmt_Call:
			l.kind = kindDefer
		}
		if l.kind == kindSync || !l.stmt.Valid() {
			return none
		}
		return l
	case edge.CallExpr_Args:
		callCur := cur.Parent()
		call := callCur.Node().(*ast.CallExpr)
		if c.isBuiltin(call, "append") {
			if cur.ParentEdgeIndex() == 0 {
				return none
			}
			return c.stored(cur, lit, loop)
		}
		fn := match.Callee(c.info, call)
		if fn == nil {
			return none
		}
		l := launch{lit: lit, stmt: listStmt(callCur)}
		sel, _ := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		switch {
		case goroutines.StarterKind(fn) == goroutines.ErrgroupGo, goroutines.StarterKind(fn) == goroutines.ErrgroupTryGo:
			l.kind = kindErrgroup
		case goroutines.StarterKind(fn) == goroutines.WaitGroupGo:
			l.kind = kindWaitGroup
		case match.Func(fn, "net/http", "HandleFunc") && cur.ParentEdgeIndex() == 1:
			l.kind = kindHandler
		case match.Method(fn, "net/http", "ServeMux", "HandleFunc") && cur.ParentEdgeIndex() == 1:
			// A mux created in the iteration serves that iteration's
			// requests only.
			if loop == nil || sel == nil || !inside(c.rootPos(sel.X), loopBody(loop)) {
				l.kind = kindHandler
			}
		case match.Func(fn, "time", "AfterFunc") && cur.ParentEdgeIndex() == 1:
			l.kind = kindTimer
		case match.Method(fn, "testing", "T", "Run") && cur.ParentEdgeIndex() == 1:
			if end := parallelEnd(c.info, lit); end.IsValid() {
				l.kind = kindSubtest
				l.parallel = end
			}
		}
		if l.kind == kindSync || !l.stmt.Valid() {
			return none
		}
		if sel != nil {
			l.starter = sel.X
		}
		return l
	}
	if loop == nil {
		return none
	}
	// A variable declared in the loop body that holds the literal: follow
	// its uses.
	if _, isLit := cur.Node().(*ast.FuncLit); isLit && followAlias {
		if v := c.aliasVar(cur, loop); v != nil {
			return c.followAlias(v, lit, loop)
		}
	}
	return c.stored(cur, lit, loop)
}

// aliasVar returns the variable, declared in the body of loop, that the
// literal at cur initialises (f := func(){...} or var f = func(){...}).
func (c *checker) aliasVar(cur inspector.Cursor, loop ast.Node) *types.Var {
	var id *ast.Ident
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Rhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		if as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) {
			return nil
		}
		id, _ = as.Lhs[cur.ParentEdgeIndex()].(*ast.Ident)
	case edge.ValueSpec_Values:
		vs := cur.Parent().Node().(*ast.ValueSpec)
		if len(vs.Names) != len(vs.Values) {
			return nil
		}
		id = vs.Names[cur.ParentEdgeIndex()]
	}
	if id == nil {
		return nil
	}
	v, _ := c.info.Defs[id].(*types.Var)
	if v == nil || !inside(v.Pos(), loopBody(loop)) {
		return nil
	}
	return v
}

// followAlias classifies the literal lit held by the variable v by the
// uses of v in the body of loop: the first use that escapes wins.
func (c *checker) followAlias(v *types.Var, lit *ast.FuncLit, loop ast.Node) launch {
	body := loopBody(loop)
	root := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	bodyCur, ok := root.FindNode(body)
	if !ok {
		return launch{lit: lit}
	}
	for idCur := range bodyCur.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[idCur.Node().(*ast.Ident)] != v {
			continue
		}
		if enclosingLit(idCur, loop) != nil {
			continue // used by another closure: we do not follow that far
		}
		if l := c.classifyExpr(unparen(idCur), lit, loop, false); l.kind != kindSync {
			return l
		}
	}
	return launch{lit: lit}
}

// stored tells whether the function value at cur (possibly inside
// composite literals) is stored where it outlives the iteration of loop:
// appended to or assigned into a variable declared outside the loop. A
// closure sent on a channel is not followed: its receiver often runs it
// within the iteration (a handshake with a test server).
func (c *checker) stored(cur inspector.Cursor, lit *ast.FuncLit, loop ast.Node) launch {
	none := launch{kind: kindSync, lit: lit}
	if loop == nil {
		return none
	}
	appended := false // each iteration adds an element
	for {
		switch cur.ParentEdgeKind() {
		case edge.CompositeLit_Elts, edge.KeyValueExpr_Value, edge.ParenExpr_X:
			cur = cur.Parent()
			continue
		case edge.UnaryExpr_X:
			if cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
				cur = cur.Parent()
				continue
			}
			return none
		case edge.CallExpr_Args:
			call := cur.Parent().Node().(*ast.CallExpr)
			if !c.isBuiltin(call, "append") || cur.ParentEdgeIndex() == 0 {
				return none
			}
			cur = unparen(cur.Parent())
			appended = true
			continue
		case edge.AssignStmt_Rhs:
			as := cur.Parent().Node().(*ast.AssignStmt)
			if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
				return none
			}
			lhs := astutil.Unparen(as.Lhs[cur.ParentEdgeIndex()])
			single, ok := c.outerSlot(lhs, loop)
			if !ok {
				return none
			}
			l := launch{kind: kindStored, lit: lit, stmt: listStmt(cur), store: lhs, singleSlot: single && !appended}
			if !l.stmt.Valid() {
				return none
			}
			return l
		}
		return none
	}
}

// outerSlot reports whether assigning to lhs stores into memory that
// outlives an iteration of loop, and whether that memory is a single slot
// that every iteration overwrites (a variable or a field) rather than a
// new element (m[k], s[i]).
func (c *checker) outerSlot(lhs ast.Expr, loop ast.Node) (single, ok bool) {
	single = true
	e := lhs
	for {
		switch x := astutil.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := c.info.Uses[x].(*types.Var)
			if v == nil || inside(v.Pos(), loop) {
				return false, false
			}
			return single, true
		case *ast.IndexExpr:
			single = false
			e = x.X
		case *ast.SelectorExpr:
			if _, isField := c.info.Selections[x]; !isField {
				// a package-level variable of another package
				v, _ := c.info.Uses[x.Sel].(*types.Var)
				return single, v != nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return false, false
		}
	}
}

// rootPos returns the declaration position of the variable at the root of
// a selector or index expression, or token.NoPos.
func (c *checker) rootPos(e ast.Expr) token.Pos {
	if obj := c.rootObj(e); obj != nil {
		return obj.Pos()
	}
	return token.NoPos
}

// parallelEnd returns the end of the first statement of the subtest lit
// that calls t.Parallel on its own *testing.T, or token.NoPos.
func parallelEnd(info *types.Info, lit *ast.FuncLit) token.Pos {
	if lit.Type == nil || lit.Type.Params == nil || len(lit.Type.Params.List) == 0 || len(lit.Type.Params.List[0].Names) == 0 || lit.Body == nil {
		return token.NoPos
	}
	tObj := info.Defs[lit.Type.Params.List[0].Names[0]]
	if tObj == nil {
		return token.NoPos
	}
	for _, st := range lit.Body.List {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
		if !ok {
			continue
		}
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || !match.Method(match.Callee(info, call), "testing", "T", "Parallel") {
			continue
		}
		if id, ok := astutil.Unparen(sel.X).(*ast.Ident); ok && info.Uses[id] == tObj {
			return st.End()
		}
	}
	return token.NoPos
}

func (c *checker) isBuiltin(call *ast.CallExpr, name string) bool {
	id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := c.info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// ---- loop helpers ----

func loopBody(loop ast.Node) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

// inside reports whether pos lies within n.
func inside(pos token.Pos, n ast.Node) bool {
	if n == nil || n == (*ast.BlockStmt)(nil) || !pos.IsValid() {
		return false
	}
	return n.Pos() <= pos && pos < n.End()
}

// enclosingLit returns the innermost function literal between c and loop,
// or nil.
func enclosingLit(c inspector.Cursor, loop ast.Node) *ast.FuncLit {
	for p := range c.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.FuncLit:
			return n
		case *ast.FuncDecl:
			return nil
		}
		if p.Node() == loop {
			return nil
		}
	}
	return nil
}

// listStmt returns the statement strictly enclosing c that is an element
// of a statement list (a block or a case body), without leaving the
// function literal or declaration that contains c; an invalid cursor if
// none.
func listStmt(c inspector.Cursor) inspector.Cursor {
	for p := range c.Parent().Enclosing() {
		switch p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return inspector.Cursor{}
		}
		switch p.ParentEdgeKind() {
		case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
			return p
		}
	}
	return inspector.Cursor{}
}

// ---- messages ----

func names(vars []*types.Var) string {
	var b strings.Builder
	for i, v := range vars {
		switch {
		case i == 0:
		case i == len(vars)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(v.Name())
	}
	return b.String()
}

func loopVarMessage(l launch, vars []*types.Var, argFix bool) string {
	var subject, runners string
	switch l.kind {
	case kindGo:
		subject, runners = "goroutine", "goroutines"
	case kindErrgroup:
		subject, runners = "errgroup goroutine", "goroutines"
	case kindWaitGroup:
		subject, runners = "WaitGroup.Go goroutine", "goroutines"
	case kindDefer:
		subject, runners = "deferred function", "deferred calls, which run when the function returns,"
	case kindSubtest:
		subject, runners = "parallel subtest", "subtests, which run after the loop has finished,"
	case kindStored:
		subject, runners = "function literal stored in "+types.ExprString(l.store), "calls made after the iteration"
	case kindHandler:
		subject, runners = "HTTP handler registered in a loop", "requests"
	case kindTimer:
		subject, runners = "time.AfterFunc callback", "callbacks"
	}
	n := names(vars)
	share := "one " + n
	value := "a later value (usually the last)"
	noun, them := "variable", n
	if len(vars) > 1 {
		noun = "variables"
		share = "one " + strings.ReplaceAll(strings.ReplaceAll(n, ", ", ", one "), " and ", " and one ")
		value = "later values (usually the last)"
		them = "them"
	}
	var copies []string
	for _, v := range vars {
		copies = append(copies, v.Name()+" := "+v.Name())
	}
	how := fmt.Sprintf("copy %s (%s) in the loop body", them, strings.Join(copies, "; "))
	if argFix || l.call != nil {
		how = fmt.Sprintf("pass %s as %s or copy %s (%s)", them, plural(len(vars), "an argument", "arguments"),
			plural(len(vars), "it", "them"), strings.Join(copies, "; "))
	}
	return fmt.Sprintf("%s captures loop %s %s; before Go 1.22 all iterations share %s, so %s see %s; %s, or move the module to go 1.22",
		subject, noun, n, share, runners, value, how)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
