// Package ctxroots classifies what a new root context (context.Background
// or TODO) is used for, and exports a startsRoot fact for each function
// that has no context in scope but starts a root context for work it
// hands on: callers that have a context lose it there. Rules read the
// fact through the Result; this pass reports nothing.
package ctxroots

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/ctxscope"
)

// Analyzer computes a *Result and exports startsRoot facts.
var Analyzer = &analysis.Analyzer{
	Name:             "ctxroots",
	Doc:              "computes how new root contexts are used and which functions start one",
	Requires:         []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer},
	RunDespiteErrors: true, // rules that run on broken code need the Result
	Run:              run,
	ResultType:       reflect.TypeFor[*Result](),
	FactTypes:        []analysis.Fact{new(startsRoot)},
}

// Result answers questions about one package's root contexts. It keeps
// its pass so that StartsRoot can import facts of other packages.
type Result struct {
	pass  *analysis.Pass
	info  *types.Info
	scope *ctxscope.Result
	files map[*token.File]*ast.File
	roots map[*types.Func]*rootSite // functions of this package that start a root context

	mu       sync.Mutex          // guards visiting and forFact
	visiting map[*types.Var]bool // variables whose uses varUse is classifying
	forFact  bool                // classifying for the startsRoot fact: callbacks are minor
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{
		pass:     pass,
		info:     pass.TypesInfo,
		scope:    pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result),
		files:    map[*token.File]*ast.File{},
		roots:    map[*types.Func]*rootSite{},
		visiting: map[*types.Var]bool{},
	}
	for _, f := range pass.Files {
		r.files[pass.Fset.File(f.FileStart)] = f
	}
	if !match.Imports(pass.Pkg, "context") {
		return r, nil // no root context without the package
	}
	r.findRoots(pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root())
	return r, nil
}

// Use classifies what the new root context created at cur is used for:
// Detached for deliberate detachment (stored in a field or a package
// variable, returned, handed to cleanup, used in a deferred call),
// Goroutine when it is handed to a goroutine, Minor when it only reaches
// logging, and Sync otherwise.
func (r *Result) Use(cur inspector.Cursor) ctxscope.Mode {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rootUse(cur)
}

// StartsRoot reports whether fn, of this package or another, starts a new
// root context ("Background" or "TODO"); site is the call when fn is
// declared in this package.
func (r *Result) StartsRoot(fn *types.Func) (root string, site *ast.CallExpr, ok bool) {
	root, s, ok := r.rootOf(fn)
	if s != nil {
		site = s.call
	}
	return root, site, ok
}

// startsRoot is the fact that a function without a context parameter
// starts a new root context (context.Background or TODO) and passes it to
// the work it does.
type startsRoot struct {
	Root string // "Background" or "TODO"
}

func (*startsRoot) AFact() {}

func (f *startsRoot) String() string { return "startsRoot" }

type rootSite struct {
	call *ast.CallExpr // the context.Background() call
	name string        // Background or TODO
}

// findRoots finds the functions of the package that have no context in
// scope and start a new root context for work they do, and exports a
// startsRoot fact for each.
func (r *Result) findRoots(root inspector.Cursor) {
	r.forFact = true
	defer func() { r.forFact = false }()
	for fileCur := range root.Children() {
		if report.InTestFile(r.pass.Fset, fileCur.Node().(*ast.File).FileStart) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.FuncDecl)(nil)) {
			decl := cur.Node().(*ast.FuncDecl)
			if decl.Body == nil || ctxscope.IsEntryPoint(decl) {
				continue
			}
			fn, _ := r.info.Defs[decl.Name].(*types.Func)
			if fn == nil || hasContextSource(fn.Signature()) || r.saysDetached(decl) {
				continue
			}
			body := cur.ChildAt(edge.FuncDecl_Body, -1)
			for callCur := range body.Preorder((*ast.CallExpr)(nil), (*ast.FuncLit)(nil)) {
				call, ok := callCur.Node().(*ast.CallExpr)
				if !ok {
					continue // function literals run at other times
				}
				name, ok := ctxscope.IsRootCall(r.info, call)
				if !ok || r.NilGuard(callCur) || r.Explained(call.Pos(), decl) || r.bounded(callCur) || !r.passedOn(callCur) {
					continue
				}
				r.roots[fn] = &rootSite{call: call, name: name}
				r.pass.ExportObjectFact(fn, &startsRoot{Root: name})
				break
			}
		}
	}
}

// bounded reports whether the new root context at cur is given its own
// deadline before it is handed on (context.WithTimeout(context.Background(),
// d)): the work is a bounded local operation, which the caller's context
// would change little.
func (r *Result) bounded(cur inspector.Cursor) bool {
	e := cur
	for {
		for e.ParentEdgeKind() == edge.ParenExpr_X {
			e = e.Parent()
		}
		if e.ParentEdgeKind() != edge.CallExpr_Args || e.ParentEdgeIndex() != 0 {
			return false
		}
		call := e.Parent().Node().(*ast.CallExpr)
		if !ctxscope.IsDerivation(r.info, call) {
			return false
		}
		fn := match.Callee(r.info, call)
		for _, name := range [...]string{"WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"} {
			if match.Func(fn, "context", name) {
				return true
			}
		}
		e = e.Parent()
	}
}

// detachWords, in a function's name, say that it detaches on purpose
// (newDetachedCtx, runInBackground, bgFlush).
var detachWords = []string{"detach", "background", "independent", "outlive", "nocancel", "uncancel", "withoutcancel"}

// detachDocWords, in a function's doc comment, say that it detaches. Fewer
// than explainWords: a doc that mentions cancellation often describes the
// work, not the choice of context.
var detachDocWords = []string{"detach", "outlive", "outlast", "independent", "not tied", "survive",
	"in the background", "won't be cancel", "not be cancel", "regardless of the caller"}

// saysDetached reports whether a function's name or doc comment says that
// it starts its own context on purpose: a helper that exists to detach.
func (r *Result) saysDetached(decl *ast.FuncDecl) bool {
	name := decl.Name.Name
	if isCleanupName(name) || hasVerbPrefix(name, stopVerbs) {
		return true // shutdown and cleanup run when the caller's context is done
	}
	lower := strings.ToLower(name)
	for _, w := range detachWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	if strings.HasPrefix(lower, "bg") && (len(name) == 2 || name[2] >= 'A' && name[2] <= 'Z') {
		return true
	}
	if decl.Doc != nil {
		text := strings.ToLower(decl.Doc.Text())
		for _, w := range detachDocWords {
			if strings.Contains(text, w) {
				return true
			}
		}
	}
	return false
}

// passedOn reports whether the new root context created at cur, in a
// function without a context, is handed synchronously to other work.
func (r *Result) passedOn(cur inspector.Cursor) bool {
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		switch p.Node().(type) {
		case *ast.DeferStmt, *ast.GoStmt:
			return false
		case *ast.FuncDecl, *ast.File:
			goto done
		}
	}
done:
	if r.rootUse(cur) != ctxscope.Sync {
		return false
	}
	// It must reach a call that is not a derivation.
	e := cur
	for {
		for e.ParentEdgeKind() == edge.ParenExpr_X {
			e = e.Parent()
		}
		if e.ParentEdgeKind() == edge.CallExpr_Args {
			call := e.Parent().Node().(*ast.CallExpr)
			if e.ParentEdgeIndex() == 0 && ctxscope.IsDerivation(r.info, call) {
				e = e.Parent()
				continue
			}
			return match.Callee(r.info, call) != nil
		}
		break
	}
	return e.ParentEdgeKind() == edge.AssignStmt_Rhs || e.ParentEdgeKind() == edge.ValueSpec_Values
}

// hasContextSource reports whether a signature has a context or request
// parameter.
func hasContextSource(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if ctxscope.IsContext(v.Type()) || ctxscope.IsRequestPtr(v.Type()) {
			return true
		}
	}
	return false
}

// rootOf returns the startsRoot fact of fn, from this package or another.
func (r *Result) rootOf(fn *types.Func) (string, *rootSite, bool) {
	fn = fn.Origin()
	if fn.Pkg() == r.pass.Pkg {
		if s := r.roots[fn]; s != nil {
			return s.name, s, true
		}
		return "", nil, false
	}
	var f startsRoot
	if fn.Pkg() != nil && r.pass.ImportObjectFact(fn, &f) {
		return f.Root, nil, true
	}
	return "", nil, false
}

// cleanupVerbs start the names of calls that must run even when the
// request's context is done: handing them a fresh context is deliberate.
var cleanupVerbs = []string{
	"Close", "Shutdown", "Stop", "Rollback", "Abort", "Release", "Unlock", "Cleanup", "CleanUp",
	"Cancel", "Disconnect", "Unsubscribe", "Unregister", "Deregister", "Teardown", "TearDown", "Terminate",
	"close", "shutdown", "stop", "rollback", "abort", "release", "unlock", "cleanup", "cancel",
	"disconnect", "unsubscribe", "unregister", "deregister", "teardown", "terminate",
}

// stopVerbs start the names of functions whose job is to stop, beside
// cleanupVerbs: a function so named detaches on purpose.
var stopVerbs = []string{"Drain", "Graceful", "Halt", "Quit", "drain", "graceful", "halt", "quit"}

func isCleanupName(name string) bool { return hasVerbPrefix(name, cleanupVerbs) }

// hasVerbPrefix reports whether name starts with one of verbs followed by
// the end of the name or a new word.
func hasVerbPrefix(name string, verbs []string) bool {
	for _, v := range verbs {
		if strings.HasPrefix(name, v) {
			rest := name[len(v):]
			if rest == "" || rest[0] < 'a' || rest[0] > 'z' {
				return true
			}
		}
	}
	return false
}

// rootUse classifies what the new root context created at cur is used for:
// ctxscope.Detached for deliberate detachment (stored in a field or a package
// variable for a long-lived worker, returned, handed to cleanup, used in
// a deferred call), ctxscope.Goroutine when it is handed to a goroutine, and
// ctxscope.Sync otherwise.
func (r *Result) rootUse(cur inspector.Cursor) ctxscope.Mode {
	// Walk up through derivations: context.WithTimeout(context.Background(), d).
	e := cur
	for {
		for e.ParentEdgeKind() == edge.ParenExpr_X {
			e = e.Parent()
		}
		if e.ParentEdgeKind() == edge.CallExpr_Args && e.ParentEdgeIndex() == 0 {
			if call := e.Parent().Node().(*ast.CallExpr); ctxscope.IsDerivation(r.info, call) {
				e = e.Parent()
				continue
			}
		}
		break
	}
	switch e.ParentEdgeKind() {
	case edge.CallExpr_Args:
		call := e.Parent().Node().(*ast.CallExpr)
		return r.callUse(e.Parent(), call)
	case edge.AssignStmt_Rhs, edge.ValueSpec_Values:
		var lhs []ast.Expr
		switch s := e.Parent().Node().(type) {
		case *ast.AssignStmt:
			lhs = s.Lhs
		case *ast.ValueSpec:
			for _, id := range s.Names {
				lhs = append(lhs, id)
			}
		}
		m := ctxscope.Detached // assigned to nothing we can follow
		for _, l := range lhs {
			id, ok := astutil.Unparen(l).(*ast.Ident)
			if !ok {
				return ctxscope.Detached // a field, a map entry: a long-lived context
			}
			v, ok := r.info.ObjectOf(id).(*types.Var)
			if !ok || v == nil || !ctxscope.IsContext(v.Type()) {
				continue // the cancel function
			}
			if v.Parent() == nil || v.Parent() == r.pass.Pkg.Scope() {
				return ctxscope.Detached // a package variable
			}
			m = r.varUse(e, v)
		}
		return m
	case edge.KeyValueExpr_Value, edge.CompositeLit_Elts, edge.ReturnStmt_Results, edge.SendStmt_Value:
		return ctxscope.Detached // stored or handed back for a long-lived worker
	}
	return ctxscope.Sync
}

// callUse classifies a new root context passed as an argument to call at
// callCur.
func (r *Result) callUse(callCur inspector.Cursor, call *ast.CallExpr) ctxscope.Mode {
	if callCur.ParentEdgeKind() == edge.GoStmt_Call {
		return ctxscope.Goroutine
	}
	if callCur.ParentEdgeKind() == edge.DeferStmt_Call {
		return ctxscope.Detached
	}
	if name := ctxscope.CalleeName(call); isCleanupName(name) {
		return ctxscope.Detached
	}
	if ctxscope.IsLogCall(r.info, call) {
		return ctxscope.Minor
	}
	if r.forFact && !r.scope.Honors(call) {
		// A callback (metrics, hooks) or a function that ignores its
		// context or only logs with it: the caller's context would change
		// little.
		return ctxscope.Minor
	}
	return ctxscope.Sync
}

// NilGuard reports whether the code at cur is the body of a check that a
// context is nil (if ctx == nil { ctx = context.Background() }): there is
// no context to pass.
func (r *Result) NilGuard(cur inspector.Cursor) bool {
	child := cur
	for p := cur.Parent(); p.Valid(); child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit, *ast.File:
			return false
		case *ast.IfStmt:
			if child.ParentEdgeKind() != edge.IfStmt_Body {
				continue
			}
			b, ok := astutil.Unparen(n.Cond).(*ast.BinaryExpr)
			if !ok || b.Op != token.EQL {
				continue
			}
			for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
				if ctxscope.IsContext(r.info.TypeOf(pair[0])) && r.info.Types[pair[1]].IsNil() {
					return true
				}
			}
		}
	}
	return false
}

// explainWords mark a comment that explains a deliberate detachment.
var explainWords = []string{"cancel", "detach", "outlive", "outlast", "background", "independent", "survive",
	"not tied", "shutdown", "won't be", "doesn't have access", "does not have access", "no access", "no context"}

// Explained reports whether a comment on the line of pos or on one of the
// three lines above it, inside the same function, explains the choice of
// context: the author detached on purpose.
func (r *Result) Explained(pos token.Pos, fn ast.Node) bool {
	tf := r.pass.Fset.File(pos)
	file := r.files[tf]
	if tf == nil || file == nil {
		return false
	}
	line := tf.Line(pos)
	for _, cg := range file.Comments {
		if cg.End() < fn.Pos() || cg.Pos() > pos && tf.Line(cg.Pos()) > line {
			continue
		}
		if l := tf.Line(cg.End()); l < line-3 || l > line {
			continue
		}
		text := strings.ToLower(cg.Text())
		if strings.HasPrefix(text, "want ") {
			continue // an analysistest expectation
		}
		for _, w := range explainWords {
			if strings.Contains(text, w) {
				return true
			}
		}
	}
	return false
}

// varUse classifies the uses of the local variable v holding a new root
// context, within the function that declares it.
func (r *Result) varUse(decl inspector.Cursor, v *types.Var) ctxscope.Mode {
	if r.visiting[v] {
		return ctxscope.Sync // ctx = context.WithValue(ctx, ...): already being classified
	}
	r.visiting[v] = true
	defer delete(r.visiting, v)
	fnCur := decl
	for p := range decl.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fnCur = p
		break
	}
	m, used := ctxscope.Minor, false
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if r.info.Uses[id] != v {
			continue
		}
		used = true
		switch r.rootUseAt(idCur) {
		case ctxscope.Detached:
			return ctxscope.Detached
		case ctxscope.Goroutine:
			m = ctxscope.Goroutine
		case ctxscope.Sync:
			if m == ctxscope.Minor {
				m = ctxscope.Sync
			}
		}
	}
	if !used {
		return ctxscope.Detached
	}
	return m
}

// rootUseAt classifies one use of a variable holding a new root context.
func (r *Result) rootUseAt(id inspector.Cursor) ctxscope.Mode {
	if k := id.ParentEdgeKind(); k == edge.AssignStmt_Lhs {
		return ctxscope.Sync // reassigned
	}
	// In a goroutine or deferred closure?
	for p := id.Parent(); p.Valid(); p = p.Parent() {
		switch p.Node().(type) {
		case *ast.DeferStmt:
			return ctxscope.Detached
		case *ast.GoStmt:
			return ctxscope.Goroutine
		case *ast.FuncDecl, *ast.File:
			goto done
		case *ast.FuncLit:
			if u := r.scope.FuncLitUse(p); u != ctxscope.Sync {
				return u
			}
		}
	}
done:
	return r.rootUse(id)
}
