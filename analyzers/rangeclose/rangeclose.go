package rangeclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/noreturn"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "rangeclose"

// Category is the category of every diagnostic.
const Category = "goroutine-leak"

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	var c *checker // created on the first candidate: most packages have none
	var rep *report.Reporter
	for cur := range root.Preorder((*ast.RangeStmt)(nil)) {
		rng := cur.Node().(*ast.RangeStmt)
		id, ok := astutil.Unparen(rng.X).(*ast.Ident)
		if !ok || !isChan(pass.TypesInfo.TypeOf(id)) {
			continue
		}
		// Tests too: a test that ranges forever hangs CI until go test's
		// timeout.
		if rep == nil {
			rep = report.New(pass)
		}
		if !rep.Covers(rng.Pos()) {
			continue
		}
		v, ok := pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || v == nil || v.IsField() || v.Pkg() != pass.Pkg || v.Parent() == nil || v.Parent() == pass.Pkg.Scope() {
			continue
		}
		if c == nil {
			c = &checker{pass: pass, root: root, rep: rep, noret: pass.ResultOf[noreturn.Analyzer].(*noreturn.Result), params: map[*types.Var]paramInfo{}}
		}
		// go func(in <-chan T) { for v := range in { ... } }(ch): the
		// loop ranges over the argument.
		if arg := c.argOf(cur, v); arg != nil {
			v = arg
		}
		c.check(cur, rng, v, id.Name)
		if fn := c.workerOf(cur, v); fn != nil {
			c.checkWorker(cur, rng, v, fn)
		}
	}
	return nil, nil
}

// isChan reports whether t is a channel type (not a type parameter) of a
// valid element type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && ch.Elem() != nil && ch.Elem() != types.Typ[types.Invalid]
}

type checker struct {
	pass     *analysis.Pass
	root     inspector.Cursor
	rep      *report.Reporter
	noret    *noreturn.Result
	decls    map[*types.Func]inspector.Cursor   // function declarations of the package, built lazily
	funcUses map[*types.Func][]inspector.Cursor // references to the package's functions, built lazily
	// params memoizes whether a parameter of a function of this package
	// is only sent on, received from and ranged over (never closed, never
	// handed on to code that may close it).
	params map[*types.Var]paramInfo
}

type paramInfo struct {
	verdict verdict
	// lastSend: the function may send on the parameter a last time (a send
	// that is not inside a loop that runs forever).
	lastSend bool
}

type verdict int

const (
	unknown verdict = iota
	inProgress
	safe   // never closed, never escapes
	unsafe // may be closed, or escapes
)

// check reports the range statement rng at cur over the local channel
// variable v when v is made in its function, never closed, never escapes,
// has a last send, and the loop body has no way out.
func (c *checker) check(cur inspector.Cursor, rng *ast.RangeStmt, v *types.Var, ranged string) {
	made := c.leaks(cur, v)
	if made == nil || c.exitsWithMain(cur, made) || c.leavesLoop(cur.ChildAt(edge.RangeStmt_Body, -1), rng) {
		return
	}
	name := v.Name()
	passed := ""
	if ranged != name {
		passed = ", passed as " + ranged + ","
	}
	c.rep.ReportDiagnostic(analysis.Diagnostic{
		Pos:      rng.For,
		End:      rng.X.End(),
		Category: Category,
		Message: fmt.Sprintf("range over %s never ends: %s (made at line %d)%s is never closed, so this loop blocks forever after the last value "+
			"and its goroutine leaks (or the program deadlocks); close(%s) after the last send: defer close(%s) in the sending goroutine or, when several goroutines send, close it after their WaitGroup's Wait",
			ranged, name, c.pass.Fset.Position(made.Pos()).Line, passed, name, name),
		Related: []analysis.RelatedInformation{{Pos: made.Pos(), End: made.End(), Message: name + " is made here and never closed"}},
	})
}

// leaks returns the make of the local channel variable v, whose function
// encloses cur, when v is made there, assigned nothing else, never closed,
// never escapes, and some send on it may be the last one. Otherwise it
// returns nil.
func (c *checker) leaks(cur inspector.Cursor, v *types.Var) *ast.CallExpr {
	// The function that declares v: all of v's uses lie in its body.
	var fn inspector.Cursor
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body := funcBody(f.Node())
		if body != nil && body.Pos() <= v.Pos() && v.Pos() < body.End() {
			fn = f
			break
		}
	}
	if !fn.Valid() {
		return nil // a parameter, a result or a package-level variable
	}
	body := fn.ChildAt(bodyEdge(fn.Node()), -1)
	if !body.Valid() {
		return nil
	}
	owner := fn.Node()
	var made *ast.CallExpr
	lastSend := false // some send may be the last one
	for idCur := range body.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if c.pass.TypesInfo.Defs[id] == v {
			init, ok := c.initValue(idCur)
			if !ok {
				return nil // defined by something other than make or a zero value
			}
			if init != nil {
				if made != nil {
					return nil
				}
				made = init
			}
			continue
		}
		if c.pass.TypesInfo.Uses[id] != v {
			continue
		}
		switch u, call, arg := c.classify(idCur); u {
		case useOK:
			if idCur.ParentEdgeKind() == edge.SendStmt_Chan && !c.forever(idCur, owner, v.Pos()) {
				lastSend = true
			}
		case useWrite:
			// ch = make(...) after a zero-value declaration counts as the
			// make; any other assignment makes the channel unknown.
			init, ok := c.assignedMake(idCur)
			if !ok || made != nil {
				return nil
			}
			made = init
		case useCall:
			ok, last := c.passSafe(call, arg)
			if !ok {
				return nil
			}
			if last && !c.forever(call, owner, v.Pos()) {
				lastSend = true
			}
		default: // closed or escapes
			return nil
		}
	}
	// Without a last send there is nowhere to close the channel: either
	// nothing sends (the loop blocks forever on purpose, like select {}),
	// or every send is in a loop that runs for the life of the goroutine,
	// and the range is its consumer for as long.
	if !lastSend {
		return nil
	}
	return made
}

// exitsWithMain reports whether the channel made by made is made in the
// body of main.main itself while the range at cur runs in another
// goroutine: that goroutine ends when main returns and the process exits.
// (Should main wait for it, the runtime stops the program with "all
// goroutines are asleep" on its first run.) A range in main's own
// goroutine is still reported: the program hangs instead of exiting.
func (c *checker) exitsWithMain(cur inspector.Cursor, made *ast.CallExpr) bool {
	if c.pass.Pkg.Name() != "main" {
		return false
	}
	madeCur, ok := c.root.FindByPos(made.Pos(), made.End())
	if !ok {
		return false
	}
	var maker ast.Node
	for f := range madeCur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		maker = f.Node()
		break
	}
	fd, ok := maker.(*ast.FuncDecl)
	if !ok || fd.Recv != nil || fd.Name.Name != "main" {
		return false
	}
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return f.Node() != maker
	}
	return false
}

// workerOf returns the function whose parameter v is, when it is an
// unexported package-level function (not a method) of this package that is
// only ever called by name, so that all its callers are known.
func (c *checker) workerOf(cur inspector.Cursor, v *types.Var) *types.Func {
	fdCur, ok := enclosingDecl(cur)
	if !ok {
		return nil
	}
	fd := fdCur.Node().(*ast.FuncDecl)
	if fd.Recv != nil || fd.Type == nil || fd.Type.Params == nil || fd.Name.IsExported() || fd.Name.Name == "main" || fd.Name.Name == "init" ||
		!(fd.Type.Params.Pos() <= v.Pos() && v.Pos() < fd.Type.Params.End()) {
		return nil
	}
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	return fn
}

// checkWorker reports the range rng at cur over the parameter v of the
// worker function fn when every call of fn passes a local channel that
// leaks (see leaks): go worker(jobs) with jobs never closed.
func (c *checker) checkWorker(cur inspector.Cursor, rng *ast.RangeStmt, v *types.Var, fn *types.Func) {
	fdCur, ok := enclosingDecl(cur)
	if !ok {
		return
	}
	params := c.paramVars(fdCur.Node().(*ast.FuncDecl).Type)
	idx := -1
	for i, p := range params {
		if p == v {
			idx = i
		}
	}
	if idx < 0 || c.leavesLoop(cur.ChildAt(edge.RangeStmt_Body, -1), rng) {
		return
	}
	var related []analysis.RelatedInformation
	first, name := "", ""
	if c.funcUses == nil {
		c.funcUses = map[*types.Func][]inspector.Cursor{}
		for idCur := range c.root.Preorder((*ast.Ident)(nil)) {
			if f, ok := c.pass.TypesInfo.Uses[idCur.Node().(*ast.Ident)].(*types.Func); ok && f != nil && f.Pkg() == c.pass.Pkg {
				c.funcUses[f.Origin()] = append(c.funcUses[f.Origin()], idCur)
			}
		}
	}
	for _, idCur := range c.funcUses[fn] {
		// The function must only be called by name: a function value may
		// be called from anywhere, with any channel.
		callCur := idCur
		for callCur.ParentEdgeKind() == edge.ParenExpr_X || callCur.ParentEdgeKind() == edge.IndexExpr_X || callCur.ParentEdgeKind() == edge.IndexListExpr_X {
			callCur = callCur.Parent()
		}
		if callCur.ParentEdgeKind() != edge.CallExpr_Fun {
			return
		}
		callCur = callCur.Parent()
		call := callCur.Node().(*ast.CallExpr)
		if len(call.Args) != len(params) || call.Ellipsis.IsValid() {
			return
		}
		argID, ok := astutil.Unparen(call.Args[idx]).(*ast.Ident)
		if !ok {
			return
		}
		w, _ := c.pass.TypesInfo.Uses[argID].(*types.Var)
		if w == nil {
			return
		}
		made := c.leaks(callCur, w)
		if made == nil || c.exitsWithMain(cur, made) {
			return
		}
		if first == "" {
			name = w.Name()
			first = fmt.Sprintf("%s (made at line %d in %s, passed to %s)", name, c.pass.Fset.Position(made.Pos()).Line, callerName(callCur), fn.Name())
		}
		related = append(related, analysis.RelatedInformation{Pos: made.Pos(), End: made.End(), Message: w.Name() + " is made here, passed to " + fn.Name() + " and never closed"})
	}
	if len(related) == 0 {
		return
	}
	more := ""
	if len(related) > 1 {
		more = fmt.Sprintf(" (nor are the channels of %d other calls)", len(related)-1)
		if len(related) == 2 {
			more = " (nor is the channel of the other call)"
		}
	}
	c.rep.ReportDiagnostic(analysis.Diagnostic{
		Pos:      rng.For,
		End:      rng.X.End(),
		Category: Category,
		Message: fmt.Sprintf("range over %s never ends: %s is never closed%s, so this loop blocks forever after the last value "+
			"and its goroutine leaks (or the program deadlocks); close(%s) after the last send: defer close(%s) in the sending goroutine or, when several goroutines send, close it after their WaitGroup's Wait",
			v.Name(), first, more, name, name),
		Related: related,
	})
}

// callerName names the function declaration that encloses cur.
func callerName(cur inspector.Cursor) string {
	if fd, ok := enclosingDecl(cur); ok {
		return fd.Node().(*ast.FuncDecl).Name.Name
	}
	return "a package-level initializer"
}

// enclosingDecl returns the function declaration that encloses cur.
func enclosingDecl(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return fd, true
	}
	return inspector.Cursor{}, false
}

// argOf returns the local variable passed for v when v is a parameter of
// a function literal, enclosing cur, that is called where it stands (as in
// go func(in <-chan T) { ... }(ch)), or nil.
func (c *checker) argOf(cur inspector.Cursor, v *types.Var) *types.Var {
	for litCur := range cur.Enclosing((*ast.FuncLit)(nil)) {
		lit := litCur.Node().(*ast.FuncLit)
		if lit.Type == nil || lit.Type.Params == nil || !(lit.Type.Params.Pos() <= v.Pos() && v.Pos() < lit.Type.Params.End()) {
			continue
		}
		for litCur.ParentEdgeKind() == edge.ParenExpr_X {
			litCur = litCur.Parent()
		}
		if litCur.ParentEdgeKind() != edge.CallExpr_Fun {
			return nil
		}
		call := litCur.Parent().Node().(*ast.CallExpr)
		params := c.paramVars(lit.Type)
		if len(params) != len(call.Args) || call.Ellipsis.IsValid() {
			return nil
		}
		for i, p := range params {
			if p != v {
				continue
			}
			id, ok := astutil.Unparen(call.Args[i]).(*ast.Ident)
			if !ok {
				return nil
			}
			w, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
			return w
		}
		return nil
	}
	return nil
}

func funcBody(n ast.Node) *ast.BlockStmt {
	switch f := n.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

func bodyEdge(n ast.Node) edge.Kind {
	if _, ok := n.(*ast.FuncDecl); ok {
		return edge.FuncDecl_Body
	}
	return edge.FuncLit_Body
}

// initValue returns the make call that initialises the variable defined at
// idCur (nil for a declaration without a value), and false when the
// variable is defined by anything else.
func (c *checker) initValue(idCur inspector.Cursor) (*ast.CallExpr, bool) {
	k, i := idCur.ParentEdge()
	switch k {
	case edge.ValueSpec_Names:
		spec := idCur.Parent().Node().(*ast.ValueSpec)
		if len(spec.Values) == 0 {
			return nil, true
		}
		if len(spec.Values) != len(spec.Names) {
			return nil, false
		}
		return c.makeChan(spec.Values[i])
	case edge.AssignStmt_Lhs:
		as := idCur.Parent().Node().(*ast.AssignStmt)
		if len(as.Lhs) != len(as.Rhs) {
			return nil, false
		}
		return c.makeChan(as.Rhs[i])
	}
	return nil, false // range key or value, type switch, ...
}

// assignedMake returns the make call assigned (with =) to the variable
// used at idCur.
func (c *checker) assignedMake(idCur inspector.Cursor) (*ast.CallExpr, bool) {
	k, i := idCur.ParentEdge()
	if k != edge.AssignStmt_Lhs {
		return nil, false
	}
	as := idCur.Parent().Node().(*ast.AssignStmt)
	if as.Tok != token.ASSIGN && as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) {
		return nil, false
	}
	return c.makeChan(as.Rhs[i])
}

// makeChan returns e when it is a call of the builtin make of a channel.
func (c *checker) makeChan(e ast.Expr) (*ast.CallExpr, bool) {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil, false
	}
	id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil, false
	}
	if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); !ok || b == nil || b.Name() != "make" {
		return nil, false
	}
	if !isChan(c.pass.TypesInfo.TypeOf(call.Args[0])) {
		return nil, false
	}
	return call, true
}

// use is how one occurrence of a channel variable uses it.
type use int

const (
	useOK     use = iota // send, receive, range, len, cap, comparison
	useClose             // close(ch)
	useWrite             // assigned to
	useCall              // argument of a call, to be followed
	useEscape            // anything else: the channel may reach code we do not see
)

// classify says how the identifier at idCur uses its channel variable. For
// useCall it returns the cursor of the call and the argument's index.
func (c *checker) classify(idCur inspector.Cursor) (use, inspector.Cursor, int) {
	var none inspector.Cursor
	cur := idCur
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	k := cur.ParentEdgeKind()
	parent := cur.Parent()
	switch k {
	case edge.RangeStmt_X, edge.SendStmt_Chan:
		return useOK, none, 0
	case edge.UnaryExpr_X:
		if parent.Node().(*ast.UnaryExpr).Op == token.ARROW {
			return useOK, none, 0
		}
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		if op := parent.Node().(*ast.BinaryExpr).Op; op == token.EQL || op == token.NEQ {
			return useOK, none, 0
		}
	case edge.AssignStmt_Lhs:
		return useWrite, none, 0
	case edge.CallExpr_Args:
		call := parent.Node().(*ast.CallExpr)
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b != nil {
				switch b.Name() {
				case "len", "cap":
					return useOK, none, 0
				case "close":
					return useClose, none, 0
				}
				return useEscape, none, 0
			}
		}
		return useCall, parent, cur.ParentEdgeIndex()
	}
	return useEscape, none, 0
}

// passSafe reports whether the call at callCur hands its argument number
// arg to a parameter of a function of this package that never closes it
// and never lets it escape (followed transitively). Calls of functions of
// other packages, of methods of interfaces, of function values and
// conversions are not safe: they may close it. lastSend reports whether
// the callee may send on the parameter a last time.
func (c *checker) passSafe(callCur inspector.Cursor, arg int) (ok, lastSend bool) {
	info := c.pass.TypesInfo
	call := callCur.Node().(*ast.CallExpr)
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return false, false // a conversion: the converted value is another name for it
	}
	if call.Ellipsis.IsValid() {
		return false, false
	}
	var params []*types.Var
	var body inspector.Cursor
	switch fun := astutil.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		// go func(out chan<- T) { ... }(ch)
		params = c.paramVars(fun.Type)
		lit := callCur.ChildAt(edge.CallExpr_Fun, -1)
		for lit.Valid() && lit.Node() != ast.Node(fun) {
			lit = lit.ChildAt(edge.ParenExpr_X, -1)
		}
		if !lit.Valid() {
			return false, false
		}
		body = lit.ChildAt(edge.FuncLit_Body, -1)
	default:
		if sel, ok := fun.(*ast.SelectorExpr); ok {
			if s, ok := info.Selections[sel]; ok && s.Kind() != types.MethodVal {
				return false, false // method expression T.M(recv, ...): the receiver shifts the arguments
			}
		}
		fn := match.Callee(info, call)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			return false, false // another package, a function value, an interface method
		}
		if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
			return false, false
		}
		decl, ok := c.decl(fn)
		if !ok {
			return false, false
		}
		fd := decl.Node().(*ast.FuncDecl)
		if fd.Body == nil {
			return false, false // implemented elsewhere (assembly, linkname)
		}
		params = c.paramVars(fd.Type)
		body = decl.ChildAt(edge.FuncDecl_Body, -1)
	}
	if len(params) != len(call.Args) || arg < 0 || arg >= len(params) || !body.Valid() {
		return false, false // variadic, or a multi-value argument
	}
	if sig, ok := info.TypeOf(call.Fun).(*types.Signature); !ok || sig.Variadic() && arg == len(params)-1 {
		return false, false // stored in a slice
	}
	p := params[arg]
	if p == nil {
		return true, false // unnamed or blank: never used
	}
	return c.paramSafe(p, body)
}

// paramVars returns the parameter objects of ft, one per parameter (nil
// for unnamed and blank ones), or nil if type information is missing.
func (c *checker) paramVars(ft *ast.FuncType) []*types.Var {
	if ft == nil || ft.Params == nil {
		return nil
	}
	var out []*types.Var
	for _, f := range ft.Params.List {
		if len(f.Names) == 0 {
			out = append(out, nil)
			continue
		}
		for _, n := range f.Names {
			v, _ := c.pass.TypesInfo.Defs[n].(*types.Var)
			if n.Name == "_" {
				v = nil
			}
			out = append(out, v)
		}
	}
	return out
}

// decl returns the cursor of the declaration of fn, a function or method
// of this package.
func (c *checker) decl(fn *types.Func) (inspector.Cursor, bool) {
	if c.decls == nil {
		c.decls = map[*types.Func]inspector.Cursor{}
		for cur := range c.root.Preorder((*ast.FuncDecl)(nil)) {
			fd := cur.Node().(*ast.FuncDecl)
			if f, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && f != nil {
				c.decls[f] = cur
			}
		}
	}
	cur, ok := c.decls[fn]
	return cur, ok
}

// paramSafe reports whether the parameter p, whose function body is at
// body, is only sent on, received from, ranged over, measured or compared,
// or passed on to parameters that are themselves safe.
func (c *checker) paramSafe(p *types.Var, body inspector.Cursor) (ok, lastSend bool) {
	switch pi := c.params[p]; pi.verdict {
	case safe:
		return true, pi.lastSend
	case unsafe, inProgress:
		// Recursion is assumed to close: we never report what we cannot
		// prove.
		return false, false
	}
	c.params[p] = paramInfo{verdict: inProgress}
	ok, lastSend = c.paramUses(p, body)
	if ok {
		c.params[p] = paramInfo{verdict: safe, lastSend: lastSend}
	} else {
		c.params[p] = paramInfo{verdict: unsafe}
	}
	return ok, lastSend
}

func (c *checker) paramUses(p *types.Var, body inspector.Cursor) (ok, lastSend bool) {
	owner := body.Parent().Node()
	for idCur := range body.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[idCur.Node().(*ast.Ident)] != p {
			continue
		}
		switch u, call, arg := c.classify(idCur); u {
		case useOK:
			if idCur.ParentEdgeKind() == edge.SendStmt_Chan && !c.forever(idCur, owner, p.Pos()) {
				lastSend = true
			}
		case useCall:
			ok, last := c.passSafe(call, arg)
			if !ok {
				return false, false
			}
			if last && !c.forever(call, owner, p.Pos()) {
				lastSend = true
			}
		default:
			return false, false
		}
	}
	return true, lastSend
}
