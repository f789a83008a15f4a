// Package ctxscope computes, for code at a position, the context in scope
// there (a context parameter, one derived from it, or an *http.Request's)
// and how that code runs relative to it: synchronously, in a goroutine, or
// detached. It also exports, per function, whether the function honours
// its context (honorsCtx) and which context variants are deprecated
// (deprecated), so that rules can read both across packages without
// declaring facts themselves. It reports nothing.
package ctxscope

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/noreturn"
)

// Analyzer computes a *Result and exports honorsCtx and deprecated facts.
var Analyzer = &analysis.Analyzer{
	Name:             "ctxscope",
	Doc:              "computes the context in scope at a position and which functions honour their context",
	Requires:         []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer},
	RunDespiteErrors: true, // rules that run on broken code need the Result
	Run:              run,
	ResultType:       reflect.TypeFor[*Result](),
	FactTypes:        []analysis.Fact{new(honorsCtx), new(deprecated)},
}

// Result answers questions about one package. It keeps its pass so that
// lookups can import facts of other packages after the pass has run.
type Result struct {
	pass  *analysis.Pass
	info  *types.Info
	files map[*token.File]*ast.File
	noret *noreturn.Result

	mu        sync.Mutex                // guards the memos below
	defs      map[*types.Var]ast.Expr   // local variables and their initial value
	derived   map[*types.Var]bool       // memo of derivedVar
	ctxLocal  map[ast.Node][]*types.Var // per function: local contexts derived from a request
	paramVars map[*types.Var]bool       // parameters of the package's functions
	honors    map[*types.Func]bool      // functions of this package that react to their context
	depr      map[*types.Func]bool      // deprecated variants declared in this package
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{
		pass:      pass,
		info:      pass.TypesInfo,
		files:     map[*token.File]*ast.File{},
		noret:     pass.ResultOf[noreturn.Analyzer].(*noreturn.Result),
		defs:      map[*types.Var]ast.Expr{},
		derived:   map[*types.Var]bool{},
		ctxLocal:  map[ast.Node][]*types.Var{},
		paramVars: map[*types.Var]bool{},
		honors:    map[*types.Func]bool{},
		depr:      map[*types.Func]bool{},
	}
	for _, f := range pass.Files {
		r.files[pass.Fset.File(f.FileStart)] = f
	}
	// Fast path: a context in scope needs a context.Context or an
	// *http.Request parameter, which names the type.
	if !match.Imports(pass.Pkg, "context") && !match.Imports(pass.Pkg, "net/http") {
		return r, nil
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	r.collect(root)
	r.findHonors(root)
	return r, nil
}

// collect records the parameters and the initial values of local
// variables, and the deprecated context variants declared in the package.
func (r *Result) collect(root inspector.Cursor) {
	for cur := range root.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.FuncDecl)(nil), (*ast.InterfaceType)(nil), (*ast.FuncType)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncType:
			if n.Params != nil {
				for _, f := range n.Params.List {
					for _, id := range f.Names {
						if v, ok := r.info.Defs[id].(*types.Var); ok && v != nil {
							r.paramVars[v] = true
						}
					}
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				r.recordDefs(n.Lhs, n.Rhs)
			}
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			r.recordDefs(lhs, n.Values)
		case *ast.FuncDecl:
			if IsVariantName(n.Name.Name) && isDeprecated(n.Doc) {
				if fn, ok := r.info.Defs[n.Name].(*types.Func); ok && fn != nil {
					r.markDeprecated(fn)
				}
			}
		case *ast.InterfaceType:
			if n.Methods == nil {
				continue
			}
			for _, f := range n.Methods.List {
				if len(f.Names) != 1 || !IsVariantName(f.Names[0].Name) || !isDeprecated(f.Doc) {
					continue
				}
				if fn, ok := r.info.Defs[f.Names[0]].(*types.Func); ok && fn != nil {
					r.markDeprecated(fn)
				}
			}
		}
	}
}

// Mode says how code at a position relates to the context in scope.
type Mode int

const (
	Sync      Mode = iota // runs within the function, while it runs
	Goroutine             // runs in a goroutine started there: it may outlive the request
	Detached              // deferred, after cancellation, or stored for later: left alone
	Minor                 // a new root context handed only to logging or a callback
)

// A Source is the context in scope at a position.
type Source struct {
	Func ast.Node   // the function (FuncDecl or FuncLit) that has it
	Expr string     // how to refer to it at the position: ctx or r.Context()
	Obj  *types.Var // the parameter (or local) it comes from
}

// Locate returns the context in scope at cur, if any, and how the code at
// cur runs relative to it.
func (r *Result) Locate(cur inspector.Cursor) (*Source, Mode) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := Sync
	pos := cur.Node().Pos()
	child := cur
	for p := cur.Parent(); p.Valid(); child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.File:
			return nil, m // a package-level initializer
		case *ast.DeferStmt:
			return nil, Detached
		case *ast.GoStmt:
			if !evaluatedNow(child, cur) {
				m = Goroutine
			}
		case *ast.CommClause:
			if child.ParentEdgeKind() == edge.CommClause_Body && r.isDoneRecv(n.Comm) {
				return nil, Detached
			}
		case *ast.IfStmt:
			if k := child.ParentEdgeKind(); (k == edge.IfStmt_Body || k == edge.IfStmt_Else) && r.mentionsCancellation(n.Cond) {
				return nil, Detached
			}
		case *ast.BlockStmt:
			if child.ParentEdgeKind() == edge.BlockStmt_List {
				for _, st := range n.List[:child.ParentEdgeIndex()] {
					if r.waitsForDone(st) {
						return nil, Detached
					}
				}
			}
		case *ast.FuncLit:
			if src, found := r.params(n.Type, pos, n); found {
				return src, m
			}
			switch r.FuncLitUse(p) {
			case Detached:
				return nil, Detached
			case Goroutine:
				m = Goroutine
			}
		case *ast.FuncDecl:
			if IsEntryPoint(n) {
				return nil, Detached
			}
			src, _ := r.params(n.Type, pos, n)
			return src, m
		}
	}
	return nil, m
}

// evaluatedNow reports whether the code at cur, inside the call of a go
// statement whose child cursor is call, is evaluated by the go statement
// itself (an argument, not the function body).
func evaluatedNow(call, cur inspector.Cursor) bool {
	for a := cur; a.Valid() && a != call; a = a.Parent() {
		if a.Parent() == call {
			if a.ParentEdgeKind() != edge.CallExpr_Args {
				return false
			}
			_, isLit := a.Node().(*ast.FuncLit)
			return !isLit
		}
	}
	return false
}

// FuncLitUse classifies how the function literal at lit runs relative to
// the function that contains it.
func (r *Result) FuncLitUse(lit inspector.Cursor) Mode {
	p := lit
	for p.ParentEdgeKind() == edge.ParenExpr_X {
		p = p.Parent()
	}
	switch p.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		return Sync // called at once (or by the go or defer statement that encloses the call)
	case edge.CallExpr_Args:
		call := p.Parent().Node().(*ast.CallExpr)
		if startsGoroutine(r.info, call) {
			return Goroutine
		}
		return Sync // a callback: errgroup.Go, sync.Once.Do, sort.Slice...
	case edge.AssignStmt_Rhs, edge.ValueSpec_Values:
		if as, ok := p.Parent().Node().(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if _, isID := astutil.Unparen(l).(*ast.Ident); !isID {
					return Detached // stored in a field or map: runs later
				}
			}
		}
		return Sync
	}
	return Detached // returned, stored in a struct, sent: runs later
}

// IsEntryPoint reports whether decl is main or init.
func IsEntryPoint(decl *ast.FuncDecl) bool {
	return decl.Recv == nil && (decl.Name.Name == "init" || decl.Name.Name == "main")
}

// params returns the context in scope at pos that the parameters of a
// function provide. found is true when the function has a context
// parameter at all (even one named _): the search stops there.
func (r *Result) params(ft *ast.FuncType, pos token.Pos, fn ast.Node) (src *Source, found bool) {
	if ft == nil || ft.Params == nil {
		return nil, false
	}
	var req *types.Var
	for _, field := range ft.Params.List {
		t := r.info.TypeOf(field.Type)
		switch {
		case IsContext(t):
			found = true
			for _, id := range field.Names {
				v, _ := r.info.Defs[id].(*types.Var)
				if v == nil || v.Name() == "_" {
					continue
				}
				if r.visible(v, pos) {
					return &Source{Func: fn, Expr: v.Name(), Obj: v}, true
				}
				// Shadowed: by a context derived from it, which is then
				// the one to use, or by something else.
				if lv, ok := r.Lookup(v.Name(), pos).(*types.Var); ok && IsContext(lv.Type()) && r.derivedVar(lv, 0) {
					return &Source{Func: fn, Expr: lv.Name(), Obj: lv}, true
				}
			}
		case IsRequestPtr(t) && req == nil:
			for _, id := range field.Names {
				if v, _ := r.info.Defs[id].(*types.Var); v != nil && v.Name() != "_" && r.visible(v, pos) {
					req = v
					break
				}
			}
		}
	}
	if found {
		return nil, true // a context parameter that cannot be used: ignored on purpose
	}
	if req == nil {
		return nil, false
	}
	// Prefer a local context derived from the request (ctx := r.Context()).
	locals, ok := r.ctxLocal[fn]
	if !ok {
		for v := range r.defs {
			if IsContext(v.Type()) && fn.Pos() <= v.Pos() && v.Pos() < fn.End() && r.derivedVar(v, 0) {
				locals = append(locals, v)
			}
		}
		r.ctxLocal[fn] = locals
	}
	var best *types.Var
	for _, v := range locals {
		if v.Pos() < pos && (best == nil || v.Pos() > best.Pos()) && r.visible(v, pos) {
			best = v
		}
	}
	if best != nil {
		return &Source{Func: fn, Expr: best.Name(), Obj: best}, true
	}
	return &Source{Func: fn, Expr: req.Name() + ".Context()", Obj: req}, true
}

// Lookup returns the object that name refers to at pos.
func (r *Result) Lookup(name string, pos token.Pos) types.Object {
	scope := r.info.Scopes[r.files[r.pass.Fset.File(pos)]]
	if scope == nil {
		return nil
	}
	inner := scope.Innermost(pos)
	if inner == nil {
		return nil
	}
	_, obj := inner.LookupParent(name, pos)
	return obj
}

func (r *Result) visible(v *types.Var, pos token.Pos) bool { return r.Lookup(v.Name(), pos) == v }

// derivedVar reports whether the local variable v holds a context derived
// from a context or request parameter: its initial value mentions one (or
// another such variable) and does not start a new root context.
func (r *Result) derivedVar(v *types.Var, depth int) bool {
	if d, ok := r.derived[v]; ok {
		return d
	}
	if depth > 8 {
		return false
	}
	r.derived[v] = false // cycles
	rhs := r.defs[v]
	if rhs == nil {
		return false
	}
	mentions, root := false, false
	ast.Inspect(rhs, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if _, ok := IsRootCall(r.info, n); ok {
				root = true
			}
		case *ast.Ident:
			u, ok := r.info.Uses[n].(*types.Var)
			if !ok || u == nil || u == v {
				break
			}
			if IsContext(u.Type()) || IsRequestPtr(u.Type()) {
				if r.isParam(u) || r.derivedVar(u, depth+1) {
					mentions = true
				}
			}
		}
		return true
	})
	d := mentions && !root
	r.derived[v] = d
	return d
}

// isParam reports whether v is a parameter (not a local variable).
func (r *Result) isParam(v *types.Var) bool { return r.paramVars[v] }

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool { return t != nil && match.IsType(t, "context", "Context") }

// IsRequestPtr reports whether t is *net/http.Request.
func IsRequestPtr(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && match.IsType(p.Elem(), "net/http", "Request")
}

// IsRootCall reports whether call is context.Background() or
// context.TODO(), and which.
func IsRootCall(info *types.Info, call *ast.CallExpr) (string, bool) {
	fn := match.Callee(info, call)
	switch {
	case match.Func(fn, "context", "Background"):
		return "Background", true
	case match.Func(fn, "context", "TODO"):
		return "TODO", true
	}
	return "", false
}

// IsDerivation reports whether call derives a new context from its first
// argument: a function whose first parameter and first result are contexts
// (context.WithTimeout, metadata.NewOutgoingContext, trace.ContextWithSpan).
func IsDerivation(info *types.Info, call *ast.CallExpr) bool {
	sig, ok := types.Unalias(info.TypeOf(call.Fun)).(*types.Signature)
	if !ok || sig.Params().Len() == 0 || sig.Results().Len() == 0 {
		return false
	}
	return IsContext(sig.Params().At(0).Type()) && IsContext(sig.Results().At(0).Type())
}

func (r *Result) recordDefs(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := r.info.Defs[id].(*types.Var)
		if !ok || v == nil {
			continue
		}
		switch {
		case len(rhs) == len(lhs):
			r.defs[v] = rhs[i]
		case len(rhs) == 1:
			r.defs[v] = rhs[0]
		}
	}
}

// isDoneRecv reports whether the statement is a receive from the Done
// channel of a context (<-ctx.Done(), v := <-ctx.Done()).
func (r *Result) isDoneRecv(st ast.Stmt) bool {
	ch := match.Received(st)
	return ch != nil && r.isCtxMethodCall(ch, "Done")
}

// isCtxMethodCall reports whether e is x.name() with x a context.
func (r *Result) isCtxMethodCall(e ast.Expr, name string) bool {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	t := r.info.TypeOf(sel.X)
	if t == nil {
		return false
	}
	// Any type with the context methods: context.Context, *gin.Context,
	// a struct embedding one.
	return IsContext(t) || types.Implements(t, contextIface()) ||
		types.Implements(types.NewPointer(t), contextIface())
}

var ctxIface *types.Interface

// contextIface returns the interface of context.Context's methods, built
// without importing the package.
func contextIface() *types.Interface {
	if ctxIface == nil {
		errType := types.Universe.Lookup("error").Type()
		noParams := types.NewTuple()
		done := types.NewChan(types.RecvOnly, types.NewStruct(nil, nil))
		methods := []*types.Func{
			types.NewFunc(token.NoPos, nil, "Done", types.NewSignatureType(nil, nil, nil, noParams,
				types.NewTuple(types.NewVar(token.NoPos, nil, "", done)), false)),
			types.NewFunc(token.NoPos, nil, "Err", types.NewSignatureType(nil, nil, nil, noParams,
				types.NewTuple(types.NewVar(token.NoPos, nil, "", errType)), false)),
		}
		ctxIface = types.NewInterfaceType(methods, nil).Complete()
	}
	return ctxIface
}

// mentionsCancellation reports whether a condition tests for the
// cancellation of a context: ctx.Err(), ctx.Done(), context.Canceled,
// context.DeadlineExceeded.
func (r *Result) mentionsCancellation(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if r.isCtxMethodCall(n, "Err") || r.isCtxMethodCall(n, "Done") {
				found = true
			}
		case *ast.Ident, *ast.SelectorExpr:
			obj := match.ObjectOf(r.info, n.(ast.Expr))
			if match.Var(obj, "context", "Canceled") || match.Var(obj, "context", "DeadlineExceeded") {
				found = true
			}
		}
		return true
	})
	return found
}

// waitsForDone reports whether a statement waits for the cancellation of a
// context: <-ctx.Done(), or a select with a case on it.
func (r *Result) waitsForDone(st ast.Stmt) bool {
	if r.isDoneRecv(st) {
		return true
	}
	if sel, ok := st.(*ast.SelectStmt); ok && sel.Body != nil {
		for _, cc := range sel.Body.List {
			if cc, ok := cc.(*ast.CommClause); ok && cc.Comm != nil && r.isDoneRecv(cc.Comm) && !r.endsFunction(cc.Body) {
				return true
			}
		}
	}
	return false
}

// endsFunction reports whether a list of statements ends with a return or
// a call that never returns (the select's Done case leaves rather than
// falls through to shutdown code).
func (r *Result) endsFunction(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok && !r.noret.MayReturn(call) {
			return true
		}
	}
	return false
}

// startsGoroutine reports whether call runs its function argument later in
// a goroutine of its own (time.AfterFunc, context.AfterFunc), beside the
// go statement. Kept in one place so that a shared notion can replace it.
func startsGoroutine(info *types.Info, call *ast.CallExpr) bool {
	fn := match.Callee(info, call)
	return match.Func(fn, "time", "AfterFunc") || match.Func(fn, "context", "AfterFunc")
}
