package ctxprop

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
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "ctxprop"

// Categories of the diagnostics.
const (
	// CategoryVariant: a call of X where XContext exists.
	CategoryVariant = "ctx-variant"
	// CategoryNewRoot: context.Background or TODO with a context in scope.
	CategoryNewRoot = "new-root-context"
	// CategoryRootCallee: a call of a function that starts its own root
	// context.
	CategoryRootCallee = "root-context-callee"
)

// withoutCancel is the Go version that added context.WithoutCancel.
const withoutCancel = "go1.21"

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      Name,
		Doc:       analyzerdoc.MustExtract(doc, Name),
		URL:       report.URL(Name),
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		Run:       run,
		FactTypes: []analysis.Fact{new(startsRoot), new(deprecated), new(honorsCtx)},
	}
}

// startsRoot is the fact that a function without a context parameter
// starts a new root context (context.Background or TODO) and passes it to
// the work it does.
type startsRoot struct {
	Root string // "Background" or "TODO"
}

func (*startsRoot) AFact() {}

func (f *startsRoot) String() string { return "startsRoot" }

// honorsCtx is the fact that a function with a context parameter reacts to
// it: it waits on Done, checks Err or Deadline, or hands the context to a
// function that does (or to an interface method). A new root context
// handed to a function that only logs or records metrics with it loses
// nothing the caller could give.
type honorsCtx struct {
	Honors bool // always true; gob needs an exported field
}

func (*honorsCtx) AFact() {}

func (*honorsCtx) String() string { return "honorsCtx" }

// deprecated is the fact that a function or method whose name marks it as
// the context-taking variant of another (XContext, XWithContext, XCtx) is
// deprecated: it is never suggested.
type deprecated struct {
	Deprecated bool // always true; gob needs an exported field
}

func (*deprecated) AFact() {}

func (*deprecated) String() string { return "deprecated" }

// suffixes name the context-taking variant of a function X.
var suffixes = [...]string{"Context", "WithContext", "Ctx"}

type checker struct {
	pass *analysis.Pass
	info *types.Info
	rep  *report.Reporter
	file *ast.File

	defs      map[*types.Var]ast.Expr   // local variables and their initial value
	derived   map[*types.Var]bool       // memo of derivedVar
	siblings  map[sibKey]*types.Func    // memo of the sibling lookup
	roots     map[*types.Func]*rootSite // functions of this package that start a root context
	depr      map[*types.Func]bool      // deprecated variants declared in this package
	paramVars map[*types.Var]bool       // parameters of the package's functions
	ctxLocal  map[ast.Node][]*types.Var // per function: local contexts derived from a request
	visiting  map[*types.Var]bool       // variables whose uses varUse is classifying
	forFact   bool                      // classifying for the startsRoot fact: callbacks are minor
	honors    map[*types.Func]bool      // functions of this package that react to their context
}

type sibKey struct {
	fn   *types.Func
	recv types.Type // the receiver's type, without pointer; nil for functions
}

type rootSite struct {
	call *ast.CallExpr // the context.Background() call
	name string        // Background or TODO
}

func run(pass *analysis.Pass) (any, error) {
	// Fast path: a context in scope needs a context.Context or an
	// *http.Request parameter, which names the type.
	if !match.Imports(pass.Pkg, "context") && !match.Imports(pass.Pkg, "net/http") {
		return nil, nil
	}
	c := &checker{
		pass:      pass,
		info:      pass.TypesInfo,
		defs:      map[*types.Var]ast.Expr{},
		derived:   map[*types.Var]bool{},
		siblings:  map[sibKey]*types.Func{},
		visiting:  map[*types.Var]bool{},
		honors:    map[*types.Func]bool{},
		roots:     map[*types.Func]*rootSite{},
		depr:      map[*types.Func]bool{},
		paramVars: map[*types.Var]bool{},
		ctxLocal:  map[ast.Node][]*types.Var{},
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c.collect(root)
	c.findHonors(root)
	c.findRoots(root)
	if report.TestSupport(pass) {
		return nil, nil // fakes and stub servers serve tests, not requests; their facts still count
	}
	c.rep = report.New(pass)
	c.rep.HonorNolint("contextcheck", "noctx") // they report the same missing contexts
	for fileCur := range root.Children() {
		c.file = fileCur.Node().(*ast.File)
		if report.InTestFile(pass.Fset, c.file.FileStart) {
			continue // tests serve no request
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil)) {
			c.checkCall(cur, cur.Node().(*ast.CallExpr))
		}
	}
	return nil, nil
}

// collect records the initial values of local variables and the
// deprecated context variants declared in the package.
func (c *checker) collect(root inspector.Cursor) {
	for cur := range root.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.FuncDecl)(nil), (*ast.InterfaceType)(nil), (*ast.FuncType)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncType:
			if n.Params != nil {
				for _, f := range n.Params.List {
					for _, id := range f.Names {
						if v, ok := c.info.Defs[id].(*types.Var); ok && v != nil {
							c.paramVars[v] = true
						}
					}
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				c.recordDefs(n.Lhs, n.Rhs)
			}
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			c.recordDefs(lhs, n.Values)
		case *ast.FuncDecl:
			if isVariantName(n.Name.Name) && isDeprecated(n.Doc) {
				if fn, ok := c.info.Defs[n.Name].(*types.Func); ok && fn != nil {
					c.markDeprecated(fn)
				}
			}
		case *ast.InterfaceType:
			if n.Methods == nil {
				continue
			}
			for _, f := range n.Methods.List {
				if len(f.Names) != 1 || !isVariantName(f.Names[0].Name) || !isDeprecated(f.Doc) {
					continue
				}
				if fn, ok := c.info.Defs[f.Names[0]].(*types.Func); ok && fn != nil {
					c.markDeprecated(fn)
				}
			}
		}
	}
}

func (c *checker) recordDefs(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := c.info.Defs[id].(*types.Var)
		if !ok || v == nil {
			continue
		}
		switch {
		case len(rhs) == len(lhs):
			c.defs[v] = rhs[i]
		case len(rhs) == 1:
			c.defs[v] = rhs[0]
		}
	}
}

func (c *checker) markDeprecated(fn *types.Func) {
	c.depr[fn] = true
	c.pass.ExportObjectFact(fn, &deprecated{Deprecated: true})
}

func isVariantName(name string) bool {
	for _, s := range suffixes {
		if len(name) > len(s) && strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// isDeprecated reports whether a doc comment has a "Deprecated:" paragraph.
func isDeprecated(cg *ast.CommentGroup) bool {
	if cg == nil {
		return false
	}
	for line := range strings.Lines(cg.Text()) {
		if strings.HasPrefix(line, "Deprecated:") {
			return true
		}
	}
	return false
}

func (c *checker) isDeprecatedFunc(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.depr[fn]
	}
	return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, new(deprecated))
}

// ---- types ----

func isContext(t types.Type) bool { return t != nil && match.IsType(t, "context", "Context") }

func isRequestPtr(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && match.IsType(p.Elem(), "net/http", "Request")
}

// isRootCall reports whether call is context.Background() or
// context.TODO(), and which.
func (c *checker) isRootCall(call *ast.CallExpr) (string, bool) {
	fn := match.Callee(c.info, call)
	switch {
	case match.Func(fn, "context", "Background"):
		return "Background", true
	case match.Func(fn, "context", "TODO"):
		return "TODO", true
	}
	return "", false
}

// isDerivation reports whether call derives a new context from its first
// argument: a function whose first parameter and first result are contexts
// (context.WithTimeout, metadata.NewOutgoingContext, trace.ContextWithSpan).
func (c *checker) isDerivation(call *ast.CallExpr) bool {
	sig, ok := types.Unalias(c.info.TypeOf(call.Fun)).(*types.Signature)
	if !ok || sig.Params().Len() == 0 || sig.Results().Len() == 0 {
		return false
	}
	return isContext(sig.Params().At(0).Type()) && isContext(sig.Results().At(0).Type())
}

// ---- where a call runs ----

// mode says how code at a position relates to the context in scope.
type mode int

const (
	modeSync      mode = iota // runs within the function, while it runs
	modeGoroutine             // runs in a goroutine started there: it may outlive the request
	modeDetached              // deferred, after cancellation, or stored for later: left alone
	modeMinor                 // a new root context handed only to logging or a callback
)

// A source is the context in scope at a position.
type source struct {
	fn   ast.Node   // the function (FuncDecl or FuncLit) that has it
	expr string     // how to refer to it at the position: ctx or r.Context()
	obj  *types.Var // the parameter (or local) it comes from
}

// locate returns the context in scope at cur, if any, and how the code at
// cur runs relative to it.
func (c *checker) locate(cur inspector.Cursor) (*source, mode) {
	m := modeSync
	pos := cur.Node().Pos()
	child := cur
	for p := cur.Parent(); p.Valid(); child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.File:
			return nil, m // a package-level initializer
		case *ast.DeferStmt:
			return nil, modeDetached
		case *ast.GoStmt:
			if !evaluatedNow(child, cur) {
				m = modeGoroutine
			}
		case *ast.CommClause:
			if child.ParentEdgeKind() == edge.CommClause_Body && c.isDoneRecv(n.Comm) {
				return nil, modeDetached
			}
		case *ast.IfStmt:
			if k := child.ParentEdgeKind(); (k == edge.IfStmt_Body || k == edge.IfStmt_Else) && c.mentionsCancellation(n.Cond) {
				return nil, modeDetached
			}
		case *ast.BlockStmt:
			if child.ParentEdgeKind() == edge.BlockStmt_List {
				for _, st := range n.List[:child.ParentEdgeIndex()] {
					if c.waitsForDone(st) {
						return nil, modeDetached
					}
				}
			}
		case *ast.FuncLit:
			if src, found := c.params(n.Type, pos, n); found {
				return src, m
			}
			switch c.funcLitUse(p) {
			case modeDetached:
				return nil, modeDetached
			case modeGoroutine:
				m = modeGoroutine
			}
		case *ast.FuncDecl:
			if isEntryPoint(n) {
				return nil, modeDetached
			}
			src, _ := c.params(n.Type, pos, n)
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

// funcLitUse classifies how the function literal at lit runs relative to
// the function that contains it.
func (c *checker) funcLitUse(lit inspector.Cursor) mode {
	p := lit
	for p.ParentEdgeKind() == edge.ParenExpr_X {
		p = p.Parent()
	}
	switch p.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		return modeSync // called at once (or by the go or defer statement that encloses the call)
	case edge.CallExpr_Args:
		call := p.Parent().Node().(*ast.CallExpr)
		if fn := match.Callee(c.info, call); match.Func(fn, "time", "AfterFunc") || match.Func(fn, "context", "AfterFunc") {
			return modeGoroutine
		}
		return modeSync // a callback: errgroup.Go, sync.Once.Do, sort.Slice...
	case edge.AssignStmt_Rhs, edge.ValueSpec_Values:
		if as, ok := p.Parent().Node().(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if _, isID := astutil.Unparen(l).(*ast.Ident); !isID {
					return modeDetached // stored in a field or map: runs later
				}
			}
		}
		return modeSync
	}
	return modeDetached // returned, stored in a struct, sent: runs later
}

// isEntryPoint reports whether decl is main or init.
func isEntryPoint(decl *ast.FuncDecl) bool {
	return decl.Recv == nil && (decl.Name.Name == "init" || decl.Name.Name == "main")
}

// params returns the context in scope at pos that the parameters of a
// function provide. found is true when the function has a context
// parameter at all (even one named _): the search stops there.
func (c *checker) params(ft *ast.FuncType, pos token.Pos, fn ast.Node) (src *source, found bool) {
	if ft == nil || ft.Params == nil {
		return nil, false
	}
	var req *types.Var
	for _, field := range ft.Params.List {
		t := c.info.TypeOf(field.Type)
		switch {
		case isContext(t):
			found = true
			for _, id := range field.Names {
				v, _ := c.info.Defs[id].(*types.Var)
				if v == nil || v.Name() == "_" {
					continue
				}
				if c.visible(v, pos) {
					return &source{fn: fn, expr: v.Name(), obj: v}, true
				}
				// Shadowed: by a context derived from it, which is then
				// the one to use, or by something else.
				if lv, ok := c.lookup(v.Name(), pos).(*types.Var); ok && isContext(lv.Type()) && c.derivedVar(lv, 0) {
					return &source{fn: fn, expr: lv.Name(), obj: lv}, true
				}
			}
		case isRequestPtr(t) && req == nil:
			for _, id := range field.Names {
				if v, _ := c.info.Defs[id].(*types.Var); v != nil && v.Name() != "_" && c.visible(v, pos) {
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
	locals, ok := c.ctxLocal[fn]
	if !ok {
		for v := range c.defs {
			if isContext(v.Type()) && fn.Pos() <= v.Pos() && v.Pos() < fn.End() && c.derivedVar(v, 0) {
				locals = append(locals, v)
			}
		}
		c.ctxLocal[fn] = locals
	}
	var best *types.Var
	for _, v := range locals {
		if v.Pos() < pos && (best == nil || v.Pos() > best.Pos()) && c.visible(v, pos) {
			best = v
		}
	}
	if best != nil {
		return &source{fn: fn, expr: best.Name(), obj: best}, true
	}
	return &source{fn: fn, expr: req.Name() + ".Context()", obj: req}, true
}

// lookup returns the object that name refers to at pos in the current
// file.
func (c *checker) lookup(name string, pos token.Pos) types.Object {
	scope := c.info.Scopes[c.file]
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

func (c *checker) visible(v *types.Var, pos token.Pos) bool { return c.lookup(v.Name(), pos) == v }

// derivedVar reports whether the local variable v holds a context derived
// from a context or request parameter: its initial value mentions one (or
// another such variable) and does not start a new root context.
func (c *checker) derivedVar(v *types.Var, depth int) bool {
	if d, ok := c.derived[v]; ok {
		return d
	}
	if depth > 8 {
		return false
	}
	c.derived[v] = false // cycles
	rhs := c.defs[v]
	if rhs == nil {
		return false
	}
	mentions, root := false, false
	ast.Inspect(rhs, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if _, ok := c.isRootCall(n); ok {
				root = true
			}
		case *ast.Ident:
			u, ok := c.info.Uses[n].(*types.Var)
			if !ok || u == nil || u == v {
				break
			}
			if isContext(u.Type()) || isRequestPtr(u.Type()) {
				if c.isParam(u) || c.derivedVar(u, depth+1) {
					mentions = true
				}
			}
		}
		return true
	})
	d := mentions && !root
	c.derived[v] = d
	return d
}

// isParam reports whether v is a parameter (not a local variable).
func (c *checker) isParam(v *types.Var) bool { return c.paramVars[v] }

// isDoneRecv reports whether the statement is a receive from the Done
// channel of a context (<-ctx.Done(), v := <-ctx.Done()).
func (c *checker) isDoneRecv(st ast.Stmt) bool {
	var x ast.Expr
	switch s := st.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	}
	u, ok := astutil.Unparen(x).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	return c.isCtxMethodCall(u.X, "Done")
}

// isCtxMethodCall reports whether e is x.name() with x a context.
func (c *checker) isCtxMethodCall(e ast.Expr, name string) bool {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	t := c.info.TypeOf(sel.X)
	if t == nil {
		return false
	}
	// Any type with the context methods: context.Context, *gin.Context,
	// a struct embedding one.
	return isContext(t) || types.Implements(t, contextIface()) ||
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
func (c *checker) mentionsCancellation(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if c.isCtxMethodCall(n, "Err") || c.isCtxMethodCall(n, "Done") {
				found = true
			}
		case *ast.Ident, *ast.SelectorExpr:
			obj := match.ObjectOf(c.info, n.(ast.Expr))
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
func (c *checker) waitsForDone(st ast.Stmt) bool {
	if c.isDoneRecv(st) {
		return true
	}
	if sel, ok := st.(*ast.SelectStmt); ok && sel.Body != nil {
		for _, cc := range sel.Body.List {
			if cc, ok := cc.(*ast.CommClause); ok && cc.Comm != nil && c.isDoneRecv(cc.Comm) && !endsFunction(cc.Body) {
				return true
			}
		}
	}
	return false
}

// endsFunction reports whether a list of statements ends with a return or
// a panic (the select's Done case leaves rather than falls through to
// shutdown code).
func endsFunction(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}

// ---- checks ----

func (c *checker) checkCall(cur inspector.Cursor, call *ast.CallExpr) {
	if name, ok := c.isRootCall(call); ok {
		c.checkRoot(cur, call, name)
		return
	}
	fn := match.Callee(c.info, call)
	if fn == nil {
		return
	}
	if sib, nameID, ok := c.variantOf(call); ok {
		c.checkVariant(cur, call, sib, nameID)
		return
	}
	c.checkRootCallee(cur, call, fn)
}

// checkRoot reports context.Background() or TODO() with a context in
// scope.
func (c *checker) checkRoot(cur inspector.Cursor, call *ast.CallExpr, name string) {
	src, m := c.locate(cur)
	if src == nil || m == modeDetached || c.nilGuard(cur) || c.explained(call.Pos(), src.fn) {
		return
	}
	if v := c.assignedVar(cur); v != nil && v.Pos() >= src.fn.Pos() && c.explained(v.Pos(), src.fn) {
		return // the comment is at the variable's declaration
	}
	fun := "context." + name
	switch c.rootUse(cur) {
	case modeDetached:
		return
	case modeGoroutine:
		m = modeGoroutine
	case modeMinor:
		if m == modeGoroutine {
			return // a log line of a detached goroutine
		}
		c.rep.Report(call, CategoryNewRoot, fmt.Sprintf(
			"%s() handed to a logger while %s is in scope: the entry loses the request's trace and values; pass %s", fun, src.expr, src.expr),
			analysis.SuggestedFix{
				Message:   fmt.Sprintf("Use %s", src.expr),
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(src.expr)}},
			})
		return
	}
	if m == modeGoroutine {
		if !goversion.AtLeast(c.info, c.file, withoutCancel) {
			return // nothing better before Go 1.21: detaching was the only way
		}
		c.rep.Report(call, CategoryNewRoot, fmt.Sprintf(
			"%s() in work that outlives the request drops the values and trace of %s along with its cancellation; "+
				"use context.WithoutCancel(%s), which keeps them and only drops the cancellation", fun, src.expr, src.expr),
			c.withoutCancelFix(call, src)...)
		return
	}
	c.rep.Report(call, CategoryNewRoot, fmt.Sprintf(
		"%s() starts a new root context while %s is in scope: the work is not cancelled when the request is, ignores its deadline and leaves its trace; "+
			"pass %s (or context.WithoutCancel(%s) if the work must outlive the request)", fun, src.expr, src.expr, src.expr),
		analysis.SuggestedFix{
			Message:   fmt.Sprintf("Use %s", src.expr),
			TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(src.expr)}},
		})
}

// withoutCancelFix rewrites context.Background() as
// context.WithoutCancel(ctx), with the same qualifier.
func (c *checker) withoutCancelFix(call *ast.CallExpr, src *source) []analysis.SuggestedFix {
	var text string
	switch f := astutil.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		text = types.ExprString(f.X) + ".WithoutCancel(" + src.expr + ")"
	case *ast.Ident:
		if obj := c.lookup("WithoutCancel", call.Pos()); !match.Func(obj, "context", "WithoutCancel") {
			return nil
		}
		text = "WithoutCancel(" + src.expr + ")"
	default:
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Use context.WithoutCancel(%s)", src.expr),
		TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}},
	}}
}

// cleanupVerbs start the names of calls that must run even when the
// request's context is done: handing them a fresh context is deliberate.
var cleanupVerbs = []string{
	"Close", "Shutdown", "Stop", "Rollback", "Abort", "Release", "Unlock", "Cleanup", "CleanUp",
	"Cancel", "Disconnect", "Unsubscribe", "Unregister", "Deregister", "Teardown", "TearDown", "Terminate",
	"close", "shutdown", "stop", "rollback", "abort", "release", "unlock", "cleanup", "cancel",
	"disconnect", "unsubscribe", "unregister", "deregister", "teardown", "terminate",
}

func isCleanupName(name string) bool {
	for _, v := range cleanupVerbs {
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
// modeDetached for deliberate detachment (stored in a field or a package
// variable for a long-lived worker, returned, handed to cleanup, used in
// a deferred call), modeGoroutine when it is handed to a goroutine, and
// modeSync otherwise.
func (c *checker) rootUse(cur inspector.Cursor) mode {
	// Walk up through derivations: context.WithTimeout(context.Background(), d).
	e := cur
	for {
		for e.ParentEdgeKind() == edge.ParenExpr_X {
			e = e.Parent()
		}
		if e.ParentEdgeKind() == edge.CallExpr_Args && e.ParentEdgeIndex() == 0 {
			if call := e.Parent().Node().(*ast.CallExpr); c.isDerivation(call) {
				e = e.Parent()
				continue
			}
		}
		break
	}
	switch e.ParentEdgeKind() {
	case edge.CallExpr_Args:
		call := e.Parent().Node().(*ast.CallExpr)
		return c.callUse(e.Parent(), call)
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
		m := modeDetached // assigned to nothing we can follow
		for _, l := range lhs {
			id, ok := astutil.Unparen(l).(*ast.Ident)
			if !ok {
				return modeDetached // a field, a map entry: a long-lived context
			}
			v, ok := c.info.ObjectOf(id).(*types.Var)
			if !ok || v == nil || !isContext(v.Type()) {
				continue // the cancel function
			}
			if v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
				return modeDetached // a package variable
			}
			m = c.varUse(e, v)
		}
		return m
	case edge.KeyValueExpr_Value, edge.CompositeLit_Elts, edge.ReturnStmt_Results, edge.SendStmt_Value:
		return modeDetached // stored or handed back for a long-lived worker
	}
	return modeSync
}

// assignedVar returns the context variable that the new root context at
// cur (possibly derived) is assigned to, or nil.
func (c *checker) assignedVar(cur inspector.Cursor) *types.Var {
	e := cur
	for {
		for e.ParentEdgeKind() == edge.ParenExpr_X {
			e = e.Parent()
		}
		if e.ParentEdgeKind() == edge.CallExpr_Args && e.ParentEdgeIndex() == 0 && c.isDerivation(e.Parent().Node().(*ast.CallExpr)) {
			e = e.Parent()
			continue
		}
		break
	}
	as, ok := e.Parent().Node().(*ast.AssignStmt)
	if !ok || e.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return nil
	}
	for _, l := range as.Lhs {
		if id, ok := astutil.Unparen(l).(*ast.Ident); ok {
			if v, ok := c.info.ObjectOf(id).(*types.Var); ok && v != nil && isContext(v.Type()) {
				return v
			}
		}
	}
	return nil
}

// callUse classifies a new root context passed as an argument to call at
// callCur.
func (c *checker) callUse(callCur inspector.Cursor, call *ast.CallExpr) mode {
	if callCur.ParentEdgeKind() == edge.GoStmt_Call {
		return modeGoroutine
	}
	if callCur.ParentEdgeKind() == edge.DeferStmt_Call {
		return modeDetached
	}
	if name := calleeName(call); isCleanupName(name) {
		return modeDetached
	}
	if c.isLogCall(call) {
		return modeMinor
	}
	if c.forFact && !c.honorsCall(call) {
		// A callback (metrics, hooks) or a function that ignores its
		// context or only logs with it: the caller's context would change
		// little.
		return modeMinor
	}
	return modeSync
}

// logPrefixes start the names of logging functions and methods.
var logPrefixes = []string{"Print", "Log", "Debug", "Info", "Warn", "Error", "Fatal", "Trace", "Notice", "Critical"}

// isLogCall reports whether call logs: a function or method with a logging
// name that returns nothing.
func (c *checker) isLogCall(call *ast.CallExpr) bool {
	sig, ok := types.Unalias(c.info.TypeOf(call.Fun)).(*types.Signature)
	if !ok || sig.Results().Len() != 0 {
		return false
	}
	name := calleeName(call)
	for _, p := range logPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// nilGuard reports whether the code at cur is the body of a check that a
// context is nil (if ctx == nil { ctx = context.Background() }): there is
// no context to pass.
func (c *checker) nilGuard(cur inspector.Cursor) bool {
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
				if isContext(c.info.TypeOf(pair[0])) && c.info.Types[pair[1]].IsNil() {
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

// explained reports whether a comment on the line of pos or on one of the
// three lines above it, inside the same function, explains the choice of
// context: the author detached on purpose.
func (c *checker) explained(pos token.Pos, fn ast.Node) bool {
	tf := c.pass.Fset.File(pos)
	if tf == nil || c.file == nil {
		return false
	}
	line := tf.Line(pos)
	for _, cg := range c.file.Comments {
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

// calleeName returns the name of the function or method called, as
// written.
func calleeName(call *ast.CallExpr) string {
	switch f := astutil.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.IndexExpr:
		return calleeName(&ast.CallExpr{Fun: f.X})
	case *ast.IndexListExpr:
		return calleeName(&ast.CallExpr{Fun: f.X})
	}
	return ""
}

// varUse classifies the uses of the local variable v holding a new root
// context, within the function that declares it.
func (c *checker) varUse(decl inspector.Cursor, v *types.Var) mode {
	if c.visiting[v] {
		return modeSync // ctx = context.WithValue(ctx, ...): already being classified
	}
	c.visiting[v] = true
	defer delete(c.visiting, v)
	fnCur := decl
	for p := range decl.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fnCur = p
		break
	}
	m, used := modeMinor, false
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		if c.info.Uses[id] != v {
			continue
		}
		used = true
		switch c.rootUseAt(idCur) {
		case modeDetached:
			return modeDetached
		case modeGoroutine:
			m = modeGoroutine
		case modeSync:
			if m == modeMinor {
				m = modeSync
			}
		}
	}
	if !used {
		return modeDetached
	}
	return m
}

// rootUseAt classifies one use of a variable holding a new root context.
func (c *checker) rootUseAt(id inspector.Cursor) mode {
	if k := id.ParentEdgeKind(); k == edge.AssignStmt_Lhs {
		return modeSync // reassigned
	}
	// In a goroutine or deferred closure?
	for p := id.Parent(); p.Valid(); p = p.Parent() {
		switch p.Node().(type) {
		case *ast.DeferStmt:
			return modeDetached
		case *ast.GoStmt:
			return modeGoroutine
		case *ast.FuncDecl, *ast.File:
			goto done
		case *ast.FuncLit:
			if u := c.funcLitUse(p); u != modeSync {
				return u
			}
		}
	}
done:
	return c.rootUse(id)
}

// ---- XContext variants ----

// checkVariant reports a call of X where the context-taking variant sib
// exists. It returns true when it reported.
func (c *checker) checkVariant(cur inspector.Cursor, call *ast.CallExpr, sib *types.Func, nameID *ast.Ident) bool {
	src, m := c.locate(cur)
	if src == nil || m == modeDetached {
		return false
	}
	// Inside an implementation of the variant itself (XContext built on X).
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		if fc.Node().(*ast.FuncDecl).Name.Name == sib.Name() {
			return false
		}
	}
	if c.resultGetsContext(cur) {
		return false
	}
	if m == modeGoroutine || c.explained(call.Pos(), src.fn) {
		// In a goroutine, X often runs while the function selects on
		// ctx.Done() (cancellation by hand, as in grpc's TLS handshake), or
		// on purpose beyond the request.
		return false
	}
	what := funcName(match.Callee(c.info, call))
	var fixes []analysis.SuggestedFix
	if fix, ok := c.variantFix(call, nameID, sib, src); ok {
		fixes = append(fixes, fix)
	}
	harm := "the work is not cancelled when the request is, ignores its deadline and leaves its trace"
	if c.isLogCall(call) {
		harm = "the log entry loses the request's trace and values"
	}
	c.rep.Report(nameID, CategoryVariant, fmt.Sprintf("%s drops %s: %s; call %s(%s, ...) instead",
		what, src.expr, harm, sib.Name(), src.expr), fixes...)
	return true
}

// variantFix renames the call to the variant and passes the context
// first.
func (c *checker) variantFix(call *ast.CallExpr, nameID *ast.Ident, sib *types.Func, src *source) (analysis.SuggestedFix, bool) {
	if sel, isSel := c.info.Selections[c.selectorOf(call)]; isSel && sel != nil {
		// A method that needs a pointer receiver, on a value that is not
		// addressable: newT().FetchContext(...) would not compile.
		_, recvPtr := types.Unalias(sel.Recv()).(*types.Pointer)
		_, sibPtr := types.Unalias(sib.Signature().Recv().Type()).(*types.Pointer)
		if sibPtr && !recvPtr && !c.addressable(c.selectorOf(call).X) {
			return analysis.SuggestedFix{}, false
		}
	} else {
		// A package-level function: unqualified (same package or dot
		// import), the new name must resolve to the variant there.
		if id, ok := c.funFunc(call).(*ast.Ident); ok && id == nameID {
			if c.lookup(sib.Name(), call.Pos()) != types.Object(sib.Origin()) {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	edits := []analysis.TextEdit{{Pos: nameID.Pos(), End: nameID.End(), NewText: []byte(sib.Name())}}
	if len(call.Args) == 0 {
		edits = append(edits, analysis.TextEdit{Pos: call.Rparen, End: call.Rparen, NewText: []byte(src.expr)})
	} else {
		sep := ", "
		if tf := c.pass.Fset.File(call.Lparen); tf != nil && tf.Line(call.Lparen) != tf.Line(call.Args[0].Pos()) {
			sep = ","
		}
		edits = append(edits, analysis.TextEdit{Pos: call.Args[0].Pos(), End: call.Args[0].Pos(), NewText: []byte(src.expr + sep)})
		if sep == "," {
			edits[1] = analysis.TextEdit{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(src.expr + ",")}
		}
	}
	return analysis.SuggestedFix{Message: fmt.Sprintf("Call %s with %s", sib.Name(), src.expr), TextEdits: edits}, true
}

// funFunc returns call.Fun without parentheses and explicit instantiation.
func (c *checker) funFunc(call *ast.CallExpr) ast.Expr {
	f := astutil.Unparen(call.Fun)
	switch x := f.(type) {
	case *ast.IndexExpr:
		f = astutil.Unparen(x.X)
	case *ast.IndexListExpr:
		f = astutil.Unparen(x.X)
	}
	return f
}

func (c *checker) selectorOf(call *ast.CallExpr) *ast.SelectorExpr {
	sel, _ := c.funFunc(call).(*ast.SelectorExpr)
	return sel
}

// resultGetsContext reports whether the value returned by the call at cur
// is given a context afterwards: req, _ := http.NewRequest(...) followed by
// req.WithContext(ctx) or req = req.WithContext(ctx).
func (c *checker) resultGetsContext(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() == edge.SelectorExpr_X {
		sel := cur.Parent().Node().(*ast.SelectorExpr)
		return sel.Sel.Name == "WithContext" || sel.Sel.Name == "SetContext"
	}
	if cur.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return false
	}
	as := cur.Parent().Node().(*ast.AssignStmt)
	if len(as.Lhs) == 0 {
		return false
	}
	id, ok := astutil.Unparen(as.Lhs[0]).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.info.ObjectOf(id).(*types.Var)
	if v == nil {
		return false
	}
	fnCur := cur
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fnCur = p
		break
	}
	for idCur := range fnCur.Preorder((*ast.Ident)(nil)) {
		if c.info.Uses[idCur.Node().(*ast.Ident)] != v {
			continue
		}
		switch idCur.ParentEdgeKind() {
		case edge.SelectorExpr_X: // req.WithContext(ctx)
			switch idCur.Parent().Node().(*ast.SelectorExpr).Sel.Name {
			case "WithContext", "SetContext", "Clone":
				return true
			}
		case edge.CallExpr_Args: // client.Do(ctx, req): the callee attaches it
			for _, arg := range idCur.Parent().Node().(*ast.CallExpr).Args {
				if isContext(c.info.TypeOf(arg)) {
					return true
				}
			}
		}
	}
	return false
}

// variantOf returns the context-taking variant of the function or method
// that call calls, and the identifier that names it in the call.
func (c *checker) variantOf(call *ast.CallExpr) (*types.Func, *ast.Ident, bool) {
	sig, _ := types.Unalias(c.info.TypeOf(call.Fun)).(*types.Signature)
	if sig == nil {
		return nil, nil, false
	}
	for v := range sig.Params().Variables() {
		if isContext(v.Type()) {
			return nil, nil, false // takes a context already, in some position
		}
	}
	var (
		fn     *types.Func
		nameID *ast.Ident
		key    sibKey
	)
	switch f := c.funFunc(call).(type) {
	case *ast.Ident:
		fn, _ = c.info.Uses[f].(*types.Func)
		nameID = f
	case *ast.SelectorExpr:
		nameID = f.Sel
		if sel, ok := c.info.Selections[f]; ok {
			if sel.Kind() != types.MethodVal {
				return nil, nil, false // a method expression or a field of func type
			}
			fn, _ = sel.Obj().(*types.Func)
			// Look the variant up as on an addressable value: when the
			// receiver is not addressable and the variant needs a pointer,
			// the finding stands but has no fix.
			key.recv = sel.Recv()
			if p, ok := types.Unalias(key.recv).(*types.Pointer); ok {
				key.recv = p.Elem()
			}
		} else {
			fn, _ = c.info.Uses[f.Sel].(*types.Func)
		}
	default:
		return nil, nil, false
	}
	if fn == nil || fn.Pkg() == nil || fn.Name() == "Wait" {
		// WaitContext abandons only the wait, not the work: code that
		// waits often needs the work finished (to reuse its buffers).
		return nil, nil, false
	}
	key.fn = fn
	generic := fn.Origin().Signature().TypeParams().Len() > 0 || fn.Origin().Signature().RecvTypeParams().Len() > 0
	if !generic {
		if sib, ok := c.siblings[key]; ok {
			return sib, nameID, sib != nil
		}
	}
	sib := c.findVariant(fn, sig, key, nameID)
	if !generic {
		c.siblings[key] = sib
	}
	return sib, nameID, sib != nil
}

// findVariant looks up the variants of fn (whose instantiated signature at
// the call is sig) and returns the first that takes a context first and
// otherwise the same parameters and results.
func (c *checker) findVariant(fn *types.Func, sig *types.Signature, key sibKey, nameID *ast.Ident) *types.Func {
	for _, s := range suffixes {
		name := fn.Name() + s
		var cand *types.Func
		if key.recv != nil {
			obj, _, _ := types.LookupFieldOrMethod(key.recv, true, c.pass.Pkg, name)
			cand, _ = obj.(*types.Func)
		} else {
			if fn.Signature().Recv() != nil {
				return nil
			}
			cand, _ = fn.Pkg().Scope().Lookup(name).(*types.Func)
			if cand != nil && !cand.Exported() && cand.Pkg() != c.pass.Pkg {
				cand = nil
			}
		}
		if cand == nil || c.isDeprecatedFunc(cand) {
			continue
		}
		csig := cand.Signature()
		if csig.TypeParams().Len() > 0 {
			inst, ok := c.info.Instances[nameID]
			if !ok || inst.TypeArgs.Len() != csig.TypeParams().Len() {
				continue
			}
			targs := make([]types.Type, inst.TypeArgs.Len())
			for i := range targs {
				targs[i] = inst.TypeArgs.At(i)
			}
			t, err := types.Instantiate(nil, csig, targs, true)
			if err != nil {
				continue
			}
			csig, _ = t.(*types.Signature)
			if csig == nil {
				continue
			}
		}
		if sameButContext(sig, csig) {
			return cand
		}
	}
	return nil
}

// sameButContext reports whether variant takes a context first and
// otherwise the parameters and results of sig.
func sameButContext(sig, variant *types.Signature) bool {
	p, vp := sig.Params(), variant.Params()
	if vp.Len() != p.Len()+1 || !isContext(vp.At(0).Type()) || sig.Variadic() != variant.Variadic() {
		return false
	}
	for i := range p.Len() {
		if !types.Identical(p.At(i).Type(), vp.At(i+1).Type()) {
			return false
		}
	}
	r, vr := sig.Results(), variant.Results()
	if r.Len() != vr.Len() {
		return false
	}
	for i := range r.Len() {
		if !types.Identical(r.At(i).Type(), vr.At(i).Type()) {
			return false
		}
	}
	return true
}

// addressable reports whether e is addressable, conservatively.
func (c *checker) addressable(e ast.Expr) bool {
	switch x := astutil.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := c.info.Uses[x].(*types.Var)
		return ok
	case *ast.StarExpr:
		return true
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			if _, isPtr := types.Unalias(c.info.TypeOf(x.X)).(*types.Pointer); isPtr {
				return true
			}
			return c.addressable(x.X)
		}
		_, ok := c.info.Uses[x.Sel].(*types.Var) // a package variable
		return ok
	case *ast.IndexExpr:
		switch t := c.info.TypeOf(x.X).Underlying().(type) {
		case *types.Slice:
			return true
		case *types.Array:
			return c.addressable(x.X)
		case *types.Pointer:
			_ = t
			return true
		}
	}
	return false
}

// funcName renders fn for messages: pkg.F, (*pkg.T).M or pkg.T.M.
func funcName(fn *types.Func) string {
	if fn == nil {
		return "the call"
	}
	sig := fn.Signature()
	if sig.Recv() == nil {
		if fn.Pkg() == nil {
			return fn.Name()
		}
		return fn.Pkg().Name() + "." + fn.Name()
	}
	recv := types.Unalias(sig.Recv().Type())
	ptr := false
	if p, ok := recv.(*types.Pointer); ok {
		recv, ptr = types.Unalias(p.Elem()), true
	}
	n, ok := recv.(*types.Named)
	if !ok {
		return fn.Name()
	}
	name := n.Obj().Name()
	if n.Obj().Pkg() != nil {
		name = n.Obj().Pkg().Name() + "." + name
	}
	if ptr {
		return "(*" + name + ")." + fn.Name()
	}
	return name + "." + fn.Name()
}

// ---- functions that react to their context ----

// findHonors finds the functions of the package that react to their
// context parameter and exports a honorsCtx fact for each.
func (c *checker) findHonors(root inspector.Cursor) {
	type cand struct {
		fn      *types.Func
		callees []*types.Func // same-package functions it hands a context to
	}
	var cands []*cand
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, _ := c.info.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil || !hasContextParam(fn.Signature()) {
			continue
		}
		cd := &cand{fn: fn}
		direct := false
		for callCur := range cur.ChildAt(edge.FuncDecl_Body, -1).Preorder((*ast.CallExpr)(nil), (*ast.KeyValueExpr)(nil), (*ast.AssignStmt)(nil)) {
			if c.storesContext(callCur.Node()) {
				direct = true // the object it builds carries the context: &Request{ctx: ctx}
				break
			}
			call, ok := callCur.Node().(*ast.CallExpr)
			if !ok {
				continue
			}
			if c.isCtxMethodCall(call, "Done") || c.isCtxMethodCall(call, "Err") || c.isCtxMethodCall(call, "Deadline") {
				direct = true
				break
			}
			if !c.passesContext(call) {
				continue
			}
			callee := match.Callee(c.info, call)
			switch {
			case callee == nil || c.isLogCall(call) || c.isDerivation(call):
			case callee.Pkg() == c.pass.Pkg && !match.InterfaceMethod(callee):
				cd.callees = append(cd.callees, callee)
			case c.honorsCall(call):
				direct = true
			}
			if direct {
				break
			}
		}
		if direct {
			c.honors[fn] = true
		} else if len(cd.callees) > 0 {
			cands = append(cands, cd)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, cd := range cands {
			if c.honors[cd.fn] {
				continue
			}
			for _, callee := range cd.callees {
				if c.honors[callee] {
					c.honors[cd.fn] = true
					changed = true
					break
				}
			}
		}
	}
	for fn := range c.honors {
		if fn.Exported() { // other packages can call only those
			c.pass.ExportObjectFact(fn, &honorsCtx{Honors: true})
		}
	}
}

// storesContext reports whether n stores a context parameter or local in
// a struct: a keyed element (Request{ctx: ctx}) or a field assignment
// (r.ctx = ctx).
func (c *checker) storesContext(n ast.Node) bool {
	isCtxVar := func(e ast.Expr) bool {
		id, ok := astutil.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := c.info.Uses[id].(*types.Var)
		return ok && v != nil && isContext(v.Type()) && !v.IsField()
	}
	switch n := n.(type) {
	case *ast.KeyValueExpr:
		return isCtxVar(n.Value)
	case *ast.AssignStmt:
		for i, l := range n.Lhs {
			if _, isSel := astutil.Unparen(l).(*ast.SelectorExpr); isSel && i < len(n.Rhs) && len(n.Lhs) == len(n.Rhs) && isCtxVar(n.Rhs[i]) {
				return true
			}
		}
	}
	return false
}

// passesContext reports whether one of call's arguments is a context.
func (c *checker) passesContext(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if isContext(c.info.TypeOf(a)) {
			if inner, ok := astutil.Unparen(a).(*ast.CallExpr); ok {
				if _, root := c.isRootCall(inner); root {
					continue
				}
			}
			return true
		}
	}
	return false
}

func hasContextParam(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if isContext(v.Type()) {
			return true
		}
	}
	return false
}

// honorsCall reports whether the function that call calls reacts to the
// context it is given: by its fact, by this package's analysis, or because
// it is context.AfterFunc. Interface methods and function values count as
// not reacting: their implementations are unknown.
func (c *checker) honorsCall(call *ast.CallExpr) bool {
	callee := match.Callee(c.info, call)
	switch {
	case callee == nil || c.isLogCall(call):
		return false
	case match.InterfaceMethod(callee):
		return false // implementations unknown: some only log or track in memory
	case match.Func(callee, "context", "AfterFunc"):
		return true
	case callee.Pkg() == c.pass.Pkg:
		return c.honors[callee.Origin()]
	case callee.Pkg() != nil:
		return c.pass.ImportObjectFact(callee.Origin(), new(honorsCtx))
	}
	return false
}

// ---- functions that start a root context ----

// findRoots finds the functions of the package that have no context in
// scope and start a new root context for work they do, and exports a
// startsRoot fact for each.
func (c *checker) findRoots(root inspector.Cursor) {
	c.forFact = true
	defer func() { c.forFact = false }()
	for fileCur := range root.Children() {
		c.file = fileCur.Node().(*ast.File)
		if report.InTestFile(c.pass.Fset, c.file.FileStart) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.FuncDecl)(nil)) {
			decl := cur.Node().(*ast.FuncDecl)
			if decl.Body == nil || isEntryPoint(decl) {
				continue
			}
			fn, _ := c.info.Defs[decl.Name].(*types.Func)
			if fn == nil || hasContextSource(fn.Signature()) {
				continue
			}
			body := cur.ChildAt(edge.FuncDecl_Body, -1)
			for callCur := range body.Preorder((*ast.CallExpr)(nil), (*ast.FuncLit)(nil)) {
				call, ok := callCur.Node().(*ast.CallExpr)
				if !ok {
					continue // function literals run at other times
				}
				name, ok := c.isRootCall(call)
				if !ok || c.nilGuard(callCur) || c.explained(call.Pos(), decl) || !c.passedOn(callCur) {
					continue
				}
				c.roots[fn] = &rootSite{call: call, name: name}
				c.pass.ExportObjectFact(fn, &startsRoot{Root: name})
				break
			}
		}
	}
	c.file = nil
}

// passedOn reports whether the new root context created at cur, in a
// function without a context, is handed synchronously to other work.
func (c *checker) passedOn(cur inspector.Cursor) bool {
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		switch p.Node().(type) {
		case *ast.DeferStmt, *ast.GoStmt:
			return false
		case *ast.FuncDecl, *ast.File:
			goto done
		}
	}
done:
	if c.rootUse(cur) != modeSync {
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
			if e.ParentEdgeIndex() == 0 && c.isDerivation(call) {
				e = e.Parent()
				continue
			}
			return match.Callee(c.info, call) != nil
		}
		break
	}
	return e.ParentEdgeKind() == edge.AssignStmt_Rhs || e.ParentEdgeKind() == edge.ValueSpec_Values
}

// hasContextSource reports whether a signature has a context or request
// parameter.
func hasContextSource(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if isContext(v.Type()) || isRequestPtr(v.Type()) {
			return true
		}
	}
	return false
}

// hasVariantName reports whether something named like a context variant of
// fn is declared next to it (a method of its receiver type, or a function
// of its package).
func hasVariantName(fn *types.Func) bool {
	fn = fn.Origin()
	for _, s := range suffixes {
		if recv := fn.Signature().Recv(); recv != nil {
			if obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), fn.Name()+s); obj != nil {
				return true
			}
		} else if fn.Pkg() != nil && fn.Pkg().Scope().Lookup(fn.Name()+s) != nil {
			return true
		}
	}
	return false
}

// rootOf returns the startsRoot fact of fn, from this package or another.
func (c *checker) rootOf(fn *types.Func) (string, *rootSite, bool) {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		if s := c.roots[fn]; s != nil {
			return s.name, s, true
		}
		return "", nil, false
	}
	var f startsRoot
	if fn.Pkg() != nil && c.pass.ImportObjectFact(fn, &f) {
		return f.Root, nil, true
	}
	return "", nil, false
}

// checkRootCallee reports a call, with a context in scope, of a function
// that starts its own root context.
func (c *checker) checkRootCallee(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	root, site, ok := c.rootOf(fn)
	if !ok || hasVariantName(fn) {
		return // a wrapper of its own variant: the variant rule speaks for it
	}
	src, m := c.locate(cur)
	if src == nil || m != modeSync {
		return
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		if c.info.Defs[fc.Node().(*ast.FuncDecl).Name] == types.Object(fn.Origin()) {
			return // recursion
		}
	}
	at := analysis.Range(call.Fun)
	if sel := c.selectorOf(call); sel != nil {
		at = sel.Sel
	}
	d := analysis.Diagnostic{
		Pos:      at.Pos(),
		End:      at.End(),
		Category: CategoryRootCallee,
		Message: fmt.Sprintf("%s starts a new root context (context.%s) instead of taking one: called here, where %s is in scope, its work is not cancelled when the request is, "+
			"ignores its deadline and leaves its trace; give %s a ctx parameter (or call an API that takes one) and pass %s", funcName(fn), root, src.expr, fn.Name(), src.expr),
	}
	if site != nil {
		d.Related = []analysis.RelatedInformation{{Pos: site.call.Pos(), End: site.call.End(), Message: "the new root context"}}
	}
	c.rep.ReportDiagnostic(d)
}
