package unwaitedgo

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/blocking"
	"github.com/prodvet/prodvet/passes/noreturn"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "unwaitedgo"

// Category is the category of every diagnostic.
const Category = "unwaited-goroutine"

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer whose options are its flags, so that two
// configurations never share state.
func New() *analysis.Analyzer {
	o := &options{}
	a := &analysis.Analyzer{
		Name: Name,
		Doc:  analyzerdoc.MustExtract(doc, Name),
		URL:  report.URL(Name),
		// The mayBlock facts are the blocking pass's: only it runs on
		// dependencies.
		// The control-flow graphs are built here, for main and the tests
		// only, with noreturn's answer to which calls end them: ctrlflow
		// would build one for every function of every dependency.
		Requires: []*analysis.Analyzer{inspect.Analyzer, blocking.Analyzer, noreturn.Analyzer},
		Run:      o.run,
	}
	a.Flags.BoolVar(&o.tests, "tests", false,
		"also report goroutines of TestXxx functions that use t and that the test does not wait for")
	return a
}

type options struct {
	tests bool
}

func (o *options) run(pass *analysis.Pass) (any, error) {
	b := pass.ResultOf[blocking.Analyzer].(*blocking.Result)

	// Fast path: only func main of package main and, under -tests, the
	// tests of a package that imports testing are checked.
	isMain := pass.Pkg.Name() == "main"
	if !isMain && (!o.tests || !match.Imports(pass.Pkg, "testing")) {
		return nil, nil
	}
	noret := pass.ResultOf[noreturn.Analyzer].(*noreturn.Result)
	var rep *report.Reporter
	for _, f := range pass.Files {
		inTest := report.InTestFile(pass.Fset, f.FileStart)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv != nil || fd.Name == nil {
				continue
			}
			var kind funcKind
			var t *types.Var
			switch {
			case isMain && !inTest && fd.Name.Name == "main" && fd.Type.TypeParams == nil:
				kind = kindMain
			case o.tests && inTest && isTestFunc(pass, fd):
				kind = kindTest
				t = testParam(pass, fd)
				if t == nil {
					continue
				}
			default:
				continue
			}
			if !containsGo(fd.Body) {
				continue
			}
			g := cfg.New(fd.Body, noret.MayReturn)
			c := &checker{pass: pass, file: f, b: b, fd: fd, kind: kind, t: t, cfg: g, nonBlockingComm: map[ast.Stmt]bool{}}
			for _, fnd := range c.check() {
				if rep == nil {
					rep = report.New(pass)
				}
				rep.ReportDiagnostic(fnd)
			}
		}
	}
	if isMain {
		for _, fnd := range helpersOfMain(pass, b, noret) {
			if rep == nil {
				rep = report.New(pass)
			}
			rep.ReportDiagnostic(fnd)
		}
	}
	return nil, nil
}

// isTestFunc reports whether fd is func TestXxx(t *testing.T).
func isTestFunc(pass *analysis.Pass, fd *ast.FuncDecl) bool {
	name := fd.Name.Name
	if !strings.HasPrefix(name, "Test") || fd.Type.TypeParams != nil {
		return false
	}
	if rest := name[len("Test"):]; rest != "" {
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLower(r) {
			return false
		}
	}
	fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() == 1 && sig.Results().Len() == 0 &&
		isPtrTo(sig.Params().At(0).Type(), "testing", "T")
}

func isPtrTo(t types.Type, pkg, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && match.IsType(p.Elem(), pkg, name)
}

// testParam returns the *testing.T parameter of a test, if it is named.
func testParam(pass *analysis.Pass, fd *ast.FuncDecl) *types.Var {
	if fd.Type.Params == nil || len(fd.Type.Params.List) != 1 || len(fd.Type.Params.List[0].Names) != 1 {
		return nil
	}
	v, _ := pass.TypesInfo.Defs[fd.Type.Params.List[0].Names[0]].(*types.Var)
	return v
}

// containsGo reports whether body has a go statement outside function
// literals.
func containsGo(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			found = true
		}
		return !found
	})
	return found
}

type checker struct {
	pass *analysis.Pass
	file *ast.File
	b    *blocking.Result
	fd   *ast.FuncDecl
	kind funcKind
	t    *types.Var // the test's *testing.T
	cfg  *cfg.CFG
	// nonBlockingComm holds the communications of selects with a default
	// branch: they never wait.
	nonBlockingComm map[ast.Stmt]bool
	// flags are set atomically by the goroutines of a test (see
	// atomicFlags).
	flags map[types.Object]bool
	// via is set when fd is a helper that main calls (helpersOfMain).
	via *viaMain
}

// check returns the diagnostics for the go statements of the function.
func (c *checker) check() []analysis.Diagnostic {
	info := c.pass.TypesInfo
	// Collect the selects with default, whose communications never wait,
	// the channels the function sends on, and what waits at exit: a
	// deferred call or a t.Cleanup function that waits covers every go
	// statement.
	sends := map[types.Object]bool{}
	waitsAtExit := false
	sleeps := false
	ast.Inspect(c.fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			// In main a non-blocking receive (select with default) counts
			// as a wait: the author checks whether the goroutine is done
			// and decides not to wait for it. In a test it does not: the
			// goroutine may still use t after the test returned.
			if blocking.HasDefault(n) && c.kind == kindTest {
				for _, s := range n.Body.List {
					if cc, ok := s.(*ast.CommClause); ok && cc.Comm != nil {
						c.nonBlockingComm[cc.Comm] = true
					}
				}
			}
		case *ast.SendStmt:
			// A channel of struct{} or bool carries signals (stop, ready),
			// not work.
			if obj := localVar(info, n.Chan); obj != nil && !signalChan(obj.Type()) {
				sends[obj] = true
			}
		case *ast.DeferStmt:
			if c.b.Walk(n.Call) {
				waitsAtExit = true
			}
		case *ast.CallExpr:
			fn := match.Callee(info, n)
			switch {
			case match.Func(fn, "time", "Sleep"):
				sleeps = true
			case c.kind == kindTest && len(n.Args) == 1 && fn != nil && fn.Name() == "Cleanup" && isTestingMethod(fn):
				if c.b.ArgWaits(n.Args[0]) {
					waitsAtExit = true
				}
			}
		}
		return true
	})
	if waitsAtExit {
		return nil
	}
	if c.kind == kindTest {
		c.flags = c.atomicFlags()
	}

	var diags []analysis.Diagnostic
	for _, blk := range c.cfg.Blocks {
		if !blk.Live {
			continue
		}
		for i, n := range blk.Nodes {
			gs, ok := n.(*ast.GoStmt)
			if !ok || gs.Call == nil {
				continue
			}
			why, ok := c.reportable(gs, sends)
			if !ok {
				continue
			}
			exit, ok := c.unwaitedExit(blk, i)
			if !ok {
				continue
			}
			diags = append(diags, c.diagnostic(gs, why, exit, sleeps))
		}
	}
	return diags
}

// isTestingMethod reports whether fn is a method of testing.T, testing.B,
// testing.F, their common base or testing.TB.
func isTestingMethod(fn *types.Func) bool {
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() != nil && fn.Pkg() != nil && fn.Pkg().Path() == "testing"
}

// localVar returns the variable that e names, if it is a variable declared
// in a function (not a field, not package-level).
func localVar(info *types.Info, e ast.Expr) types.Object {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	if !ok || v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

// signalChan reports whether t is a channel of struct{} or bool.
func signalChan(t types.Type) bool {
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	switch e := ch.Elem().Underlying().(type) {
	case *types.Struct:
		return e.NumFields() == 0
	case *types.Basic:
		return e.Kind() == types.Bool || e.Kind() == types.UntypedBool
	}
	return false
}

// exitPoint is where the function ends without having waited.
type exitPoint struct {
	pos    token.Pos
	osExit bool // os.Exit(0) rather than a return
}

// unwaitedExit searches the CFG from the go statement at blk.Nodes[i] for
// a path to a normal return (or os.Exit(0)) that passes no waiting
// operation.
func (c *checker) unwaitedExit(start *cfg.Block, i int) (exitPoint, bool) {
	seen := map[*cfg.Block]bool{}
	type item struct {
		blk  *cfg.Block
		from int
	}
	stack := []item{{start, i + 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		blk := it.blk
		if it.from == 0 {
			if seen[blk] {
				continue
			}
			seen[blk] = true
			if c.blockWaits(blk) {
				continue
			}
		}
		waited := false
		for _, n := range blk.Nodes[it.from:] {
			if c.nodeWaits(n) {
				waited = true
				break
			}
		}
		if waited {
			continue
		}
		if ret := blk.Return(); ret != nil {
			if c.errorReturn(ret) {
				continue // an early return on error is a failure exit
			}
			pos := ret.Pos()
			if !ret.Return.IsValid() || pos > c.fd.Body.Rbrace {
				pos = c.fd.Body.Rbrace // the implicit return at the closing brace
			}
			return exitPoint{pos: pos}, true
		}
		if len(blk.Succs) == 0 {
			if call := c.osExitZero(blk); call != nil {
				return exitPoint{pos: call.Pos(), osExit: true}, true
			}
			continue // panic, log.Fatal, os.Exit(1), t.Fatal: a failure exit
		}
		for _, s := range blk.Succs {
			stack = append(stack, item{s, 0})
		}
	}
	return exitPoint{}, false
}

// errorReturn reports whether ret is an explicit return in the body of an
// if statement whose condition tests an error against nil (if err != nil
// { ...; return }): the failure path of main or of a test, like log.Fatal
// and t.Fatal.
func (c *checker) errorReturn(ret *ast.ReturnStmt) bool {
	if !ret.Return.IsValid() || ret.Pos() > c.fd.Body.Rbrace {
		return false // the implicit return at the closing brace
	}
	path, _ := astutil.PathEnclosingInterval(c.file, ret.Pos(), ret.End())
	for i, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.IfStmt:
			if i > 0 && path[i-1] == n.Body && c.testsError(n.Cond) {
				return true
			}
		}
	}
	return false
}

// testsError reports whether cond contains x != nil with x an error.
func (c *checker) testsError(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		be, ok := n.(*ast.BinaryExpr)
		if !ok || found {
			return !found
		}
		if be.Op == token.NEQ {
			for _, pair := range [][2]ast.Expr{{be.X, be.Y}, {be.Y, be.X}} {
				if isNil(c.pass.TypesInfo, pair[1]) && isError(c.pass.TypesInfo.TypeOf(pair[0])) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

var errorType = types.Universe.Lookup("error").Type()

func isError(t types.Type) bool {
	return t != nil && types.Identical(t, errorType)
}

// blockWaits reports whether entering blk waits: the head of a range loop
// over a channel, the head of a loop whose body waits (the graph allows
// zero iterations, but a loop that receives once per worker is how main
// collects its goroutines), or the end of an empty select.
func (c *checker) blockWaits(blk *cfg.Block) bool {
	switch s := blk.Stmt.(type) {
	case *ast.RangeStmt:
		return blk.Kind == cfg.KindRangeLoop && (c.b.RangeWaits(s) || c.b.Walk(s.Body))
	case *ast.ForStmt:
		return (blk.Kind == cfg.KindForLoop && c.b.Walk(s.Body)) || c.loopPollsFlag(blk)
	case *ast.SelectStmt:
		return s.Body == nil || len(s.Body.List) == 0
	}
	return false
}

// nodeWaits reports whether the CFG node n may wait.
func (c *checker) nodeWaits(n ast.Node) bool {
	if s, ok := n.(ast.Stmt); ok && c.nonBlockingComm[s] {
		ops, _ := blocking.CommOperands(s)
		for _, e := range ops {
			if c.b.Walk(e) {
				return true
			}
		}
		return false
	}
	return c.b.Walk(n) || c.pollsFlag(n)
}

// osExitZero returns the call os.Exit(0) that ends blk, if any.
func (c *checker) osExitZero(blk *cfg.Block) *ast.CallExpr {
	if len(blk.Nodes) == 0 {
		return nil
	}
	es, ok := blk.Nodes[len(blk.Nodes)-1].(*ast.ExprStmt)
	if !ok {
		return nil
	}
	call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !match.Func(match.Callee(c.pass.TypesInfo, call), "os", "Exit") {
		return nil
	}
	tv, ok := c.pass.TypesInfo.Types[call.Args[0]]
	if !ok || tv.Value == nil {
		return nil
	}
	if v, exact := constant.Int64Val(tv.Value); exact && v == 0 {
		return call
	}
	return nil
}

// reason tells why a goroutine's end matters.
type reason struct {
	channel string // the channel main hands work to it through, if any
}

// reportable reports whether the goroutine started by gs does work whose
// loss is a bug when the function returns: in main, a goroutine fed
// through a channel that main sends on, or one that does finite work; in
// a test, a goroutine that uses the test's t.
func (c *checker) reportable(gs *ast.GoStmt, sends map[types.Object]bool) (reason, bool) {
	info := c.pass.TypesInfo
	call := gs.Call
	lit, _ := astutil.Unparen(call.Fun).(*ast.FuncLit)
	var body *ast.BlockStmt
	if lit != nil {
		body = lit.Body
	} else if fn := match.Callee(info, call); fn != nil && fn.Pkg() == c.pass.Pkg {
		if fd := c.b.Decl(fn); fd != nil {
			body = fd.Body
		}
	}
	// A goroutine that serves connections runs until the process ends,
	// by design: the server is shut down by the exit.
	if c.serves(call, body) {
		return reason{}, false
	}

	if c.kind == kindTest {
		// A goroutine that plays the peer of a connection (it accepts
		// on a listener, reads or writes a net.Conn) is paced by the
		// test's own network calls, which the analyzer cannot follow.
		if !mentions(info, gs.Call, c.t) {
			return reason{}, false
		}
		if c.usesConn(gs.Call) || c.mentionsConn(gs.Call) || (lit == nil && body != nil && c.mentionsConn(body)) {
			return reason{}, false
		}
		return reason{}, true
	}

	// Work handed over through a channel that main sends on.
	for obj := range sends {
		if mentions(info, gs.Call, obj) {
			return reason{channel: obj.Name()}, true
		}
	}
	// Finite work that the goroutine does once and that main drops.
	if body == nil || len(body.List) == 0 {
		return reason{}, false
	}
	f := &finiteness{c: c, visiting: map[*ast.FuncDecl]bool{}}
	if lit == nil {
		// Arguments are evaluated by main, but a function value called
		// by the goroutine is code we do not see.
		if match.Callee(info, call) == nil {
			return reason{}, false
		}
		fd := c.b.Decl(match.Callee(info, call))
		f.visiting[fd] = true
	}
	return reason{}, f.finite(body)
}

// serves reports whether the goroutine calls a blocking server method or
// function (Serve, ListenAndServe, Run...).
func (c *checker) serves(call *ast.CallExpr, body *ast.BlockStmt) bool {
	isServe := func(call *ast.CallExpr) bool {
		return blocking.Serves(match.Callee(c.pass.TypesInfo, call))
	}
	if isServe(call) {
		return true
	}
	found := false
	if body != nil {
		ast.Inspect(body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && isServe(call) {
				found = true
			}
			return !found
		})
	}
	return found
}

// usesConn reports whether the code at n calls a method of a connection
// or a listener: a value whose method set has SetDeadline (net.Conn,
// net.PacketConn, tls.Conn...) or Accept (net.Listener).
func (c *checker) usesConn(n ast.Node) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal && isConn(s.Recv()) {
			found = true
		}
		return !found
	})
	return found
}

func isConn(t types.Type) bool {
	if t == nil {
		return false
	}
	sets := []types.Type{t}
	if _, isPtr := types.Unalias(t).(*types.Pointer); !isPtr && !types.IsInterface(t) {
		sets = append(sets, types.NewPointer(t))
	}
	for _, t := range sets {
		ms := types.NewMethodSet(t)
		if ms.Lookup(nil, "SetDeadline") != nil || ms.Lookup(nil, "Accept") != nil {
			return true
		}
	}
	return false
}

// mentions reports whether obj is used anywhere in n.
func mentions(info *types.Info, n ast.Node, obj types.Object) bool {
	if obj == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

func (c *checker) diagnostic(gs *ast.GoStmt, why reason, exit exitPoint, sleeps bool) analysis.Diagnostic {
	var msg string
	fname := c.fd.Name.Name
	ends := "returns"
	if exit.osExit {
		ends = "calls os.Exit(0)"
	}
	switch {
	case c.kind == kindTest:
		msg = fmt.Sprintf("%s can return while this goroutine, which uses %s, is still running: a %s.Log or %s.Error after the test has completed panics "+
			"(\"Log in goroutine after %s has completed\") and a failure reported late is lost, so the test passes or crashes at random; "+
			"wait for the goroutine before the test returns (sync.WaitGroup, a done channel, or a t.Cleanup that waits)",
			fname, c.t.Name(), c.t.Name(), c.t.Name(), fname)
	case c.via != nil:
		work := "its work"
		if why.channel != "" {
			work = "the jobs still queued on " + why.channel + " or in progress"
		}
		msg = fmt.Sprintf("%s can return while this goroutine is still running, and %s: "+
			"the process exits and kills the goroutine mid-work, dropping %s and leaving files or messages half-written; "+
			"wait for it (sync.WaitGroup, errgroup, or a done channel) before %s returns",
			fname, c.via.chain(c.pass.Fset, fname), work, fname)
	case why.channel != "":
		msg = fmt.Sprintf("main hands work to this goroutine through channel %s and can end without waiting for it: when main %s the process exits and kills the goroutine mid-work, "+
			"dropping the jobs still queued or in progress and leaving files or messages half-written; "+
			"close the channel when done and wait for the workers (sync.WaitGroup, errgroup, or a done channel) before main returns",
			why.channel, ends)
	default:
		msg = fmt.Sprintf("main can end while this goroutine is still running: when main %s the process exits and kills the goroutine mid-work, "+
			"dropping its work and leaving files or messages half-written; "+
			"wait for it (sync.WaitGroup, errgroup, or receive from a done channel) before main returns",
			ends)
	}
	if sleeps {
		msg += "; time.Sleep does not wait for a goroutine, it only guesses how long it takes"
	}
	where := "returns here without waiting"
	if exit.osExit {
		where = "exits here without waiting"
	}
	related := []analysis.RelatedInformation{{Pos: exit.pos, End: exit.pos, Message: fname + " " + where}}
	for v := c.via; v != nil; v = v.parent {
		w := v.caller + " returns here without waiting"
		if v.exit.osExit {
			w = v.caller + " exits here without waiting"
		}
		related = append(related, analysis.RelatedInformation{Pos: v.exit.pos, End: v.exit.pos, Message: w})
	}
	return analysis.Diagnostic{
		Pos:      gs.Go,
		End:      gs.Go + token.Pos(len("go")),
		Category: Category,
		Message:  msg,
		Related:  related,
	}
}
