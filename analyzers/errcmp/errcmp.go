package errcmp

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/printer"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/fixes"
	"github.com/prodvet/prodvet/internal/goversion"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "errcmp"

// Categories of the diagnostics.
const (
	CategoryCompare        = "compare"
	CategoryAssert         = "assert"
	CategoryIsNeverMatches = "is-never-matches"
	CategoryAsNeverMatches = "as-never-matches"
)

// asTypeVersion is the Go version that added errors.AsType.
const asTypeVersion = "go1.26"

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
		FactTypes: []analysis.Fact{new(wrapsFact)},
	}
}

// wrapsFact lists the package's own sentinels that it passes to a function
// that wraps errors. Packages that wrap none of their sentinels export no
// fact: every dependency is analyzed, so absence means "wraps none".
type wrapsFact struct{ Names []string }

func (*wrapsFact) AFact()           {}
func (f *wrapsFact) String() string { return "wraps(" + strings.Join(f.Names, ", ") + ")" }

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

type checker struct {
	pass    *analysis.Pass
	rep     *report.Reporter
	file    *ast.File
	src     []byte
	test    bool
	wrapped map[*types.Var]bool      // sentinels of this package that it wraps somewhere
	created map[*types.TypeName]bool // named types T of this package whose *T values it creates
	root    inspector.Cursor
	sites   map[*types.Func]*callSites // calls of this package's functions, built lazily
	ownErrs map[*types.TypeName]bool   // error types of this package that it wraps somewhere
}

// callSites are the calls of a function; escaped when it is also used as a
// value, so that it may be called from anywhere.
type callSites struct {
	calls   []callAt
	escaped bool
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, rep: report.New(pass)}
	c.rep.HonorNolint("errorlint") // errorlint reports the same comparisons and assertions
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c.root = root
	c.exportWraps()
	for fileCur := range root.Children() {
		c.file = fileCur.Node().(*ast.File)
		tf := pass.Fset.File(c.file.FileStart)
		if tf == nil {
			continue
		}
		c.test = strings.HasSuffix(tf.Name(), "_test.go")
		c.src = nil
		if content, err := pass.ReadFile(tf.Name()); err == nil && len(content) == tf.Size() {
			c.src = content
		}
		for cur := range fileCur.Preorder((*ast.BinaryExpr)(nil), (*ast.SwitchStmt)(nil), (*ast.TypeAssertExpr)(nil),
			(*ast.TypeSwitchStmt)(nil), (*ast.CallExpr)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.BinaryExpr:
				c.checkCompare(cur, n)
			case *ast.SwitchStmt:
				c.checkSwitch(cur, n)
			case *ast.TypeAssertExpr:
				c.checkAssert(cur, n)
			case *ast.TypeSwitchStmt:
				c.checkTypeSwitch(cur, n)
			case *ast.CallExpr:
				c.checkIs(n)
				c.checkAs(n)
			}
		}
	}
	return nil, nil
}

// ---- Types and symbols ----

func validType(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.(*types.Basic); ok && b.Kind() == types.Invalid {
		return false
	}
	return true
}

// isErrorIface reports whether t is an interface type (error, or one that
// embeds it) whose values are errors, and not a type parameter.
func isErrorIface(t types.Type) bool {
	if !validType(t) {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	return types.IsInterface(t) && types.Implements(t, errorIface)
}

// sentinel returns the package-level variable of an error type that e
// names, or nil.
func (c *checker) sentinel(e ast.Expr) *types.Var {
	v, _ := match.ObjectOf(c.pass.TypesInfo, e).(*types.Var)
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return nil
	}
	if t := v.Type(); !validType(t) || !types.Implements(t, errorIface) {
		return nil
	}
	return v
}

func hasMethod(t types.Type, name string) bool {
	if !validType(t) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// qualified names obj the way the current package refers to it.
func (c *checker) qualified(obj types.Object) string {
	if obj.Pkg() == nil || obj.Pkg() == c.pass.Pkg {
		return obj.Name()
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

func (c *checker) typeString(t types.Type) string {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.NewPointer(types.Unalias(p.Elem()))
	}
	return types.TypeString(t, func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		return p.Name()
	})
}

// varKey is the name of a sentinel in the contract table.
func varKey(v *types.Var) string { return v.Pkg().Path() + "." + v.Name() }

// typeKey is the name of an error type in the contract table, or "".
func typeKey(t types.Type) string {
	prefix := ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		prefix, t = "*", p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return prefix + n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// ---- Exemptions ----

// inIsMethod reports whether cur lies in an Is or As method: its target is
// compared or asserted directly by design, and errors.Is there would recurse.
func inIsMethod(cur inspector.Cursor) bool {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := fc.Node().(*ast.FuncDecl)
		if fd.Recv != nil && (fd.Name.Name == "Is" || fd.Name.Name == "As") &&
			fd.Type.Params != nil && fd.Type.Params.NumFields() == 1 {
			return true
		}
	}
	return false
}

// unwrapped reports whether value, compared with or asserted to target (a
// key of the contract table), is known to hold target unwrapped: it comes
// from a call whose contract says so, or from a call into this package.
func (c *checker) unwrapped(cur inspector.Cursor, value ast.Expr, target string, trustOwn bool) bool {
	for _, ct := range contracts {
		if ct.target == target {
			for _, s := range ct.from {
				if s.recv == "*" && s.name == "*" {
					return true
				}
			}
		}
	}
	calls, complete := c.sources(cur, value, 0)
	for _, call := range calls {
		if c.allowedCall(call, "*", false) {
			return true // a link of a chain unwrapped by hand
		}
		if c.callee(call) == nil {
			complete = false // a function value: its origin is unknown
		}
	}
	if !complete || len(calls) == 0 {
		return !complete && quietWhenUnknown[target]
	}
	for _, call := range calls {
		if !c.allowedCall(call, target, trustOwn) {
			return false
		}
	}
	return true
}

// A callAt is a call and where it is.
type callAt struct {
	call *ast.CallExpr
	cur  inspector.Cursor
}

// callee returns the function that call invokes: the static callee, or the
// method or function that a local variable holding a method value or a
// function refers to (read := r.Read; read(b)).
func (c *checker) callee(ca callAt) *types.Func {
	if fn := match.Callee(c.pass.TypesInfo, ca.call); fn != nil {
		return fn
	}
	id, ok := astutil.Unparen(ca.call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	fnCur, kind := declaringFunc(ca.cur, v)
	if kind != localVar {
		return nil
	}
	assigns, ok := c.assignments(fnCur, v)
	if !ok || len(assigns) == 0 {
		return nil
	}
	var fn *types.Func
	for _, a := range assigns {
		f, _ := match.ObjectOf(c.pass.TypesInfo, a.value).(*types.Func)
		if f == nil || (fn != nil && f.Origin() != fn) {
			return nil
		}
		fn = f.Origin()
	}
	return fn
}

func (c *checker) allowedCall(ca callAt, target string, trustOwn bool) bool {
	if trustOwn {
		// A package-level variable of this package holding a function
		// (var readFull = func(...) {...}, swapped by tests).
		if v, ok := match.ObjectOf(c.pass.TypesInfo, ca.call.Fun).(*types.Var); ok && !v.IsField() &&
			v.Pkg() == c.pass.Pkg && v.Parent() == v.Pkg().Scope() {
			return true
		}
	}
	fn := c.callee(ca)
	if fn == nil {
		return false
	}
	if trustOwn && c.ownCode(fn.Pkg()) && !c.openInterfaceMethod(fn) {
		return true
	}
	if target != "*" {
		for _, s := range freshErrors {
			if s.matches(fn) && !c.wraps(ca.call) {
				return true
			}
		}
	}
	for _, ct := range contracts {
		if ct.target != target && (ct.target != "*" || target == "*") {
			continue
		}
		for _, s := range ct.from {
			if s.matches(fn) {
				return true
			}
		}
	}
	return false
}

func (s source) matches(fn *types.Func) bool {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return false
	}
	switch s.recv {
	case "*":
		if s.name == "*" {
			return true
		}
		if sig.Recv() == nil || fn.Name() != s.name {
			return false
		}
		if s.shape != "" && shapeOf(sig) != s.shape {
			return false
		}
		if s.needs != "" && !hasMethod(sig.Recv().Type(), s.needs) {
			return false
		}
		return true
	case "":
		if s.name == "*" {
			return sig.Recv() == nil && fn.Pkg() != nil && fn.Pkg().Path() == s.pkg
		}
		return match.Func(fn, s.pkg, s.name)
	default:
		return match.Method(fn, s.pkg, s.recv, s.name)
	}
}

// shapeOf writes a signature without parameter names, such as
// "func([]byte) (int, error)".
func shapeOf(sig *types.Signature) string {
	list := func(t *types.Tuple, variadic bool) []string {
		out := make([]string, t.Len())
		for i := range out {
			ty := t.At(i).Type()
			if variadic && i == t.Len()-1 {
				if s, ok := ty.(*types.Slice); ok {
					out[i] = "..." + types.TypeString(s.Elem(), nil)
					continue
				}
			}
			out[i] = types.TypeString(ty, nil)
		}
		return out
	}
	s := "func(" + strings.Join(list(sig.Params(), sig.Variadic()), ", ") + ")"
	switch res := list(sig.Results(), false); len(res) {
	case 0:
	case 1:
		s += " " + res[0]
	default:
		s += " (" + strings.Join(res, ", ") + ")"
	}
	s = strings.ReplaceAll(s, "uint8", "byte")
	return strings.ReplaceAll(s, "int32", "rune")
}

// ownCode reports whether pkg is this package or an internal package of the
// same tree (a/internal/b seen from a or a/c): code of the same project,
// whose errors the package knows.
func (c *checker) ownCode(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	if pkg == c.pass.Pkg {
		return true
	}
	path := pkg.Path()
	i := strings.LastIndex(path, "/internal/")
	if i < 0 {
		return false
	}
	root := path[:i]
	return c.pass.Pkg.Path() == root || strings.HasPrefix(c.pass.Pkg.Path(), root+"/")
}

// ---- Where an error value comes from ----

type assignment struct {
	cur   inspector.Cursor // the statement (or range clause) that assigns
	pos   token.Pos
	value ast.Expr // nil: unknown (comma-ok forms, range, address taken)
}

// sources returns the calls whose results e may hold at cur. complete is
// false when some value comes from elsewhere: a parameter, a field, a
// channel.
func (c *checker) sources(cur inspector.Cursor, e ast.Expr, depth int) (calls []callAt, complete bool) {
	switch e := astutil.Unparen(e).(type) {
	case *ast.CallExpr:
		if isConversion(c.pass.TypesInfo, e) && len(e.Args) == 1 && depth <= 3 {
			return c.sources(cur, e.Args[0], depth+1) // error(x) holds what x holds
		}
		return []callAt{{e, cur}}, true
	case *ast.Ident:
		if depth > 3 {
			return nil, false
		}
		v, _ := c.pass.TypesInfo.Uses[e].(*types.Var)
		if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			return nil, false
		}
		fnCur, kind := declaringFunc(cur, v)
		switch kind {
		case localVar:
		case resultVar:
			// A named result starts as nil; return statements assign it
			// when the function ends, which a deferred closure sees.
			if innermostFunc(cur) != fnCur {
				return c.returnSources(fnCur, v, depth)
			}
		case paramVar:
			return c.argumentSources(fnCur, v, depth)
		default:
			return nil, false
		}
		assigns, ok := c.assignments(fnCur, v)
		if !ok {
			return nil, false
		}
		complete = true
		for _, a := range reaching(cur, assigns) {
			if a.value == nil {
				complete = false
				continue
			}
			if isNil(c.pass.TypesInfo, a.value) || c.sentinel(a.value) != nil {
				continue // nil, or a sentinel itself (err = io.EOF): not wrapped
			}
			more, ok := c.sources(a.cur, a.value, depth+1)
			calls = append(calls, more...)
			complete = complete && ok
		}
		return calls, complete
	}
	return nil, false
}

// argumentSources returns the calls whose results the parameter v of the
// function fnCur may hold: the arguments of every call of the function, when
// it is an unexported plain function of this package that is only called
// directly and never assigns v.
func (c *checker) argumentSources(fnCur inspector.Cursor, v *types.Var, depth int) ([]callAt, bool) {
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok || fd.Recv != nil || fd.Name.IsExported() || fd.Name.Name == "main" || fd.Name.Name == "init" || depth > 2 {
		return nil, false
	}
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil, false
	}
	sig := fn.Type().(*types.Signature)
	index := -1
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			index = i
		}
	}
	if index < 0 || (sig.Variadic() && index == sig.Params().Len()-1) {
		return nil, false
	}
	if assigns, ok := c.assignments(fnCur, v); !ok || len(assigns) > 0 {
		return nil, false
	}
	sites := c.callSites(fn)
	if sites == nil || sites.escaped || len(sites.calls) == 0 {
		return nil, false
	}
	var calls []callAt
	for _, site := range sites.calls {
		if index >= len(site.call.Args) || site.call.Ellipsis.IsValid() {
			return nil, false
		}
		more, ok := c.sources(site.cur, site.call.Args[index], depth+1)
		if !ok {
			return nil, false
		}
		calls = append(calls, more...)
	}
	return calls, true
}

func (c *checker) callSites(fn *types.Func) *callSites {
	if c.sites == nil {
		c.sites = map[*types.Func]*callSites{}
		for cur := range c.root.Preorder((*ast.Ident)(nil)) {
			f, ok := c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Func)
			if !ok || f.Pkg() != c.pass.Pkg {
				continue
			}
			s := c.sites[f]
			if s == nil {
				s = &callSites{}
				c.sites[f] = s
			}
			ref := cur
			if ref.ParentEdgeKind() == edge.SelectorExpr_Sel {
				ref = ref.Parent()
			}
			if ref.ParentEdgeKind() == edge.CallExpr_Fun {
				s.calls = append(s.calls, callAt{ref.Parent().Node().(*ast.CallExpr), ref.Parent()})
			} else {
				s.escaped = true
			}
		}
	}
	return c.sites[fn]
}

// returnSources returns the calls whose results the named result v of
// fnCur may hold when the function ends, as a deferred closure sees it:
// its assignments and the values of its return statements.
func (c *checker) returnSources(fnCur inspector.Cursor, v *types.Var, depth int) ([]callAt, bool) {
	assigns, ok := c.assignments(fnCur, v)
	if !ok || depth > 2 {
		return nil, false
	}
	var sig *types.Signature
	switch f := fnCur.Node().(type) {
	case *ast.FuncDecl:
		if obj := c.pass.TypesInfo.Defs[f.Name]; obj != nil {
			sig, _ = obj.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		sig, _ = c.pass.TypesInfo.TypeOf(f).(*types.Signature)
	}
	if sig == nil {
		return nil, false
	}
	index := -1
	for i := range sig.Results().Len() {
		if sig.Results().At(i) == v {
			index = i
		}
	}
	if index < 0 {
		return nil, false
	}
	for rc := range fnCur.Preorder((*ast.ReturnStmt)(nil)) {
		if innermostFunc(rc) != fnCur {
			continue
		}
		ret := rc.Node().(*ast.ReturnStmt)
		if len(ret.Results) == 0 {
			continue // a bare return keeps the assigned value
		}
		assigns = append(assigns, assignment{rc, ret.Pos(), valueAt(make([]ast.Expr, sig.Results().Len()), ret.Results, index)})
	}
	var calls []callAt
	for _, a := range assigns {
		if a.value == nil {
			return nil, false
		}
		if isNil(c.pass.TypesInfo, a.value) || c.sentinel(a.value) != nil {
			continue
		}
		more, ok := c.sources(a.cur, a.value, depth+1)
		if !ok {
			return nil, false
		}
		calls = append(calls, more...)
	}
	return calls, true
}

// Kinds of variables, for declaringFunc.
const (
	localVar = iota
	paramVar
	resultVar
	unknownVar
)

// declaringFunc returns the function that declares v, seen from cur, and
// whether v is a local variable, a parameter or a named result of it.
func declaringFunc(cur inspector.Cursor, v *types.Var) (inspector.Cursor, int) {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		var body *ast.BlockStmt
		switch f := fc.Node().(type) {
		case *ast.FuncDecl:
			ft, body = f.Type, f.Body
		case *ast.FuncLit:
			ft, body = f.Type, f.Body
		}
		if fc.Node().Pos() <= v.Pos() && v.Pos() < fc.Node().End() {
			switch {
			case body != nil && body.Pos() <= v.Pos() && v.Pos() < body.End():
				return fc, localVar
			case ft.Results != nil && ft.Results.Pos() <= v.Pos() && v.Pos() < ft.Results.End():
				return fc, resultVar
			case ft.Params != nil && ft.Params.Pos() <= v.Pos() && v.Pos() < ft.Params.End():
				return fc, paramVar
			}
			return fc, unknownVar
		}
	}
	return inspector.Cursor{}, unknownVar
}

// innermostFunc returns the function literal or declaration enclosing cur.
func innermostFunc(cur inspector.Cursor) inspector.Cursor {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fc
	}
	return inspector.Cursor{}
}

// assignments lists the assignments of v in the function fnCur. ok is false
// when v's address is taken.
func (c *checker) assignments(fnCur inspector.Cursor, v *types.Var) (out []assignment, ok bool) {
	info := c.pass.TypesInfo
	is := func(e ast.Expr) bool {
		id, isID := e.(*ast.Ident)
		return isID && info.ObjectOf(id) == v
	}
	for n := range fnCur.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil), (*ast.UnaryExpr)(nil)) {
		switch s := n.Node().(type) {
		case *ast.AssignStmt:
			if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
				continue
			}
			for i, l := range s.Lhs {
				if is(l) {
					out = append(out, assignment{n, s.Pos(), valueAt(s.Lhs, s.Rhs, i)})
				}
			}
		case *ast.ValueSpec:
			if len(s.Values) == 0 {
				continue // the zero value, nil
			}
			for i, name := range s.Names {
				if is(name) {
					out = append(out, assignment{n, s.Pos(), valueAt(nil, s.Values, i)})
				}
			}
		case *ast.RangeStmt:
			if (s.Key != nil && is(s.Key)) || (s.Value != nil && is(s.Value)) {
				out = append(out, assignment{n, s.Pos(), nil})
			}
		case *ast.UnaryExpr:
			if s.Op == token.AND && is(astutil.Unparen(s.X)) {
				return nil, false
			}
		}
	}
	return out, true
}

// valueAt returns the expression assigned to the i-th of the left-hand
// sides: the i-th value, or the call of a multi-value assignment; nil when
// unknown.
func valueAt(lhs, rhs []ast.Expr, i int) ast.Expr {
	if len(rhs) == 1 && (len(lhs) > 1 || i > 0) {
		if call, ok := astutil.Unparen(rhs[0]).(*ast.CallExpr); ok {
			return call
		}
		return nil // v, ok := m[k], <-ch, x.(T)
	}
	if i < len(rhs) {
		return rhs[i]
	}
	return nil
}

// reaching returns the assignments whose value the variable may hold at
// cur: the last assignment before cur in a block that encloses cur, with
// those that follow it (in branches, or later in an enclosing loop); all of
// them when there is no such assignment.
func reaching(cur inspector.Cursor, assigns []assignment) []assignment {
	at := cur.Node().Pos()
	last := -1
	for i, a := range assigns {
		if a.pos < at && dominates(a.cur, cur) {
			last = i
		}
	}
	if last < 0 {
		return assigns
	}
	out := []assignment{assigns[last]}
	lastPos := assigns[last].pos
	for i, a := range assigns {
		if i == last || a.pos < lastPos {
			continue
		}
		if a.pos < at || loopCarries(cur, a.pos, lastPos) {
			out = append(out, a)
		}
	}
	return out
}

// dominates reports whether the statement at a always runs before cur: it
// sits directly in a block (or the init of an if, switch or for) that
// encloses cur, with no function literal in between.
func dominates(a, cur inspector.Cursor) bool {
	stmt := a
	for {
		if _, ok := stmt.Node().(ast.Stmt); ok {
			break
		}
		stmt = stmt.Parent()
		if !stmt.Valid() {
			return false
		}
	}
	switch stmt.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body,
		edge.IfStmt_Init, edge.SwitchStmt_Init, edge.TypeSwitchStmt_Init, edge.ForStmt_Init:
	default:
		return false
	}
	container := stmt.Parent()
	for p := range cur.Enclosing() {
		if p == container {
			return true
		}
		if _, ok := p.Node().(*ast.FuncLit); ok {
			return false
		}
	}
	return false
}

// loopCarries reports whether an assignment at pos, after cur, can reach cur
// through a loop that encloses cur but not the dominating assignment at
// lastPos.
func loopCarries(cur inspector.Cursor, pos, lastPos token.Pos) bool {
	for l := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		n := l.Node()
		if n.Pos() <= pos && pos < n.End() && !(n.Pos() <= lastPos && lastPos < n.End()) {
			return true
		}
	}
	return false
}

// ---- Sentinels of this package ----

// ownWraps reports whether this package passes v, one of its own
// sentinels, to a function that wraps errors (fmt.Errorf with %w,
// errors.Join, pkg/errors, multierr).
func (c *checker) ownWraps(v *types.Var) bool {
	c.collectWrapped()
	return c.wrapped[v]
}

// collectWrapped records, in one walk over the package's calls, the
// package's own sentinels and the error types that it passes to a
// function that wraps errors. It runs on every package, dependencies
// included (their fact), so it skips packages that import no wrapper.
func (c *checker) collectWrapped() {
	if c.wrapped != nil {
		return
	}
	c.wrapped = map[*types.Var]bool{}
	c.ownErrs = map[*types.TypeName]bool{}
	if !slices.ContainsFunc(wrapperPackages, func(path string) bool { return match.Imports(c.pass.Pkg, path) }) {
		return
	}
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !c.wraps(call) {
			continue
		}
		for _, arg := range call.Args {
			if s := c.sentinel(arg); s != nil && s.Pkg() == c.pass.Pkg {
				c.wrapped[s] = true
			}
			t := c.pass.TypesInfo.TypeOf(arg)
			if p, ok := types.Unalias(t).(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := types.Unalias(t).(*types.Named); ok {
				c.ownErrs[n.Origin().Obj()] = true
			} else if types.IsInterface(t) {
				// An error of unknown type is wrapped: it may be one of ours.
				c.ownErrs[nil] = true
			}
		}
	}
}

// wrapperPackages are the packages whose functions wraps recognizes.
var wrapperPackages = []string{"fmt", "errors", "github.com/pkg/errors", "go.uber.org/multierr"}

// exportWraps records which of this package's sentinels it wraps, for the
// packages that compare errors coming from its functions.
func (c *checker) exportWraps() {
	c.collectWrapped()
	f := new(wrapsFact)
	for v := range c.wrapped {
		f.Names = append(f.Names, v.Name())
	}
	if len(f.Names) > 0 {
		sort.Strings(f.Names)
		c.pass.ExportPackageFact(f)
	}
}

// ownerReturnsUnwrapped reports whether every value compared with v, a
// sentinel of another package, comes straight from a concrete function or
// method (not an interface method, whose implementations may live anywhere)
// of v's own package, or of this module, when v's package never wraps v:
// the package that defines the sentinel returns it as is.
func (c *checker) ownerReturnsUnwrapped(cur inspector.Cursor, v *types.Var, value ast.Expr) bool {
	if v.Pkg() == c.pass.Pkg {
		return false
	}
	var fact wrapsFact
	if c.pass.ImportPackageFact(v.Pkg(), &fact) && slices.Contains(fact.Names, v.Name()) {
		return false
	}
	// A field of an error type of v's package (strconv.NumError.Err): the
	// package stores the sentinel there itself.
	if sel, ok := astutil.Unparen(value).(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.FieldVal {
			return s.Obj().Pkg() == v.Pkg() && implementsError(s.Recv())
		}
	}
	calls, complete := c.sources(cur, value, 0)
	if !complete || len(calls) == 0 {
		return false
	}
	for _, ca := range calls {
		fn := c.callee(ca)
		if fn == nil || fn.Pkg() == nil || match.InterfaceMethod(fn) {
			return false
		}
		if fn.Pkg() != v.Pkg() && !c.sameModule(fn.Pkg()) {
			return false
		}
	}
	return true
}

// openInterfaceMethod reports whether fn is a method of an exported
// interface of a package outside internal/: users implement those, in any
// package, and may wrap the errors they return. Implementations of
// unexported and internal interfaces belong to the project.
func (c *checker) openInterfaceMethod(fn *types.Func) bool {
	if !match.InterfaceMethod(fn) {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv().Type()
	named, _ := types.Unalias(recv).(*types.Named)
	if named == nil || !named.Obj().Exported() {
		return false
	}
	path := fn.Pkg().Path()
	return !strings.Contains(path, "/internal/") && !strings.HasSuffix(path, "/internal") && !strings.HasPrefix(path, "internal/")
}

// sameModule reports whether pkg belongs to the module being analyzed.
func (c *checker) sameModule(pkg *types.Package) bool {
	m := c.pass.Module
	if m == nil || m.Path == "" {
		return false
	}
	return pkg.Path() == m.Path || strings.HasPrefix(pkg.Path(), m.Path+"/")
}

// wraps reports whether call may wrap its error arguments.
func (c *checker) wraps(call *ast.CallExpr) bool {
	fn := match.Callee(c.pass.TypesInfo, call)
	switch {
	case match.Func(fn, "fmt", "Errorf"):
		if len(call.Args) == 0 {
			return false
		}
		tv := c.pass.TypesInfo.Types[call.Args[0]]
		if tv.Value != nil && tv.Value.Kind() == constant.String {
			return strings.Contains(constant.StringVal(tv.Value), "%w")
		}
		return true
	case match.Func(fn, "errors", "Join"):
		return true
	case fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "github.com/pkg/errors":
		return fn.Name() != "Is" && fn.Name() != "As" && fn.Name() != "Cause" && fn.Name() != "Unwrap"
	case fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "go.uber.org/multierr":
		return true
	}
	return false
}

// exemptSentinel reports whether comparing value with sentinel v at cur is
// known to work.
func (c *checker) exemptSentinel(cur inspector.Cursor, v *types.Var, value ast.Expr) bool {
	if inIsMethod(cur) || c.ownField(value) {
		return true
	}
	own := v.Pkg() == c.pass.Pkg
	if own && !c.ownWraps(v) && !c.exportedParam(cur, value) {
		// Only this package makes v, and it never wraps it; what others
		// make of it comes back through the parameters of its exported
		// functions.
		return true
	}
	if c.ownerReturnsUnwrapped(cur, v, value) {
		return true
	}
	return c.unwrapped(cur, value, varKey(v), !own || !c.ownWraps(v))
}

// ownField reports whether value is a field of a struct type of this
// package: the package stores those errors itself.
func (c *checker) ownField(value ast.Expr) bool {
	sel, ok := astutil.Unparen(value).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	return ok && s.Kind() == types.FieldVal && s.Obj().Pkg() == c.pass.Pkg
}

// exportedParam reports whether value is a parameter of the exported
// function or method that encloses cur.
func (c *checker) exportedParam(cur inspector.Cursor, value ast.Expr) bool {
	id, ok := astutil.Unparen(value).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		return false
	}
	fnCur, kind := declaringFunc(cur, v)
	if kind != paramVar {
		return false
	}
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	return ok && fd.Name.IsExported()
}

// ownTypeWrapped reports whether this package passes values of its error
// type tn (or *tn) to a function that wraps errors.
func (c *checker) ownTypeWrapped(tn *types.TypeName) bool {
	c.collectWrapped()
	return c.ownErrs[tn] || c.ownErrs[nil]
}

// ---- Rule: compare ----

func (c *checker) checkCompare(cur inspector.Cursor, be *ast.BinaryExpr) {
	if c.test || (be.Op != token.EQL && be.Op != token.NEQ) {
		return
	}
	v, sExpr, other := c.sentinel(be.Y), be.Y, be.X
	if v == nil {
		v, sExpr, other = c.sentinel(be.X), be.X, be.Y
	}
	if v == nil || c.sentinel(other) != nil || !isErrorIface(c.pass.TypesInfo.TypeOf(other)) {
		return
	}
	if c.exemptSentinel(cur, v, other) {
		return
	}
	name := c.qualified(v)
	var fix []analysis.SuggestedFix
	if pkg, edits, ok := fixes.Import(c.pass.TypesInfo, c.file, be.Pos(), "errors"); ok {
		call := fmt.Sprintf("%s.Is(%s, %s)", pkg, c.text(other), c.text(sExpr))
		if be.Op == token.NEQ {
			call = "!" + call
		}
		edits = append(edits, analysis.TextEdit{Pos: be.Pos(), End: be.End(), NewText: []byte(call)})
		fix = []analysis.SuggestedFix{{Message: "Use errors.Is", TextEdits: edits}}
	}
	c.rep.Report(be, CategoryCompare, fmt.Sprintf(
		"error compared with %s using %s: once %s is wrapped (fmt.Errorf with %%w, errors.Join) the comparison no longer matches, "+
			"and the branch meant for it (retry, not found, end of input) silently stops running; use errors.Is(err, %s)",
		name, be.Op, name, name), fix...)
}

// ---- Rule: compare, in a switch ----

func (c *checker) checkSwitch(cur inspector.Cursor, sw *ast.SwitchStmt) {
	if c.test || sw.Tag == nil || !isErrorIface(c.pass.TypesInfo.TypeOf(sw.Tag)) || c.sentinel(sw.Tag) != nil {
		return
	}
	tagCur := cur.ChildAt(edge.SwitchStmt_Tag, -1)
	var names []string
	for _, stmt := range sw.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			if v := c.sentinel(e); v != nil && !c.exemptSentinel(tagCur, v, sw.Tag) {
				names = append(names, c.qualified(v))
			}
		}
	}
	if len(names) == 0 {
		return
	}
	c.rep.Report(report.Span{Start: sw.Switch, Stop: sw.Tag.End()}, CategoryCompare, fmt.Sprintf(
		"switch compares the error with %s using ==: once one is wrapped (fmt.Errorf with %%w, errors.Join) its case no longer matches "+
			"and the error silently falls through to another branch; use a switch without a tag and errors.Is in each case",
		strings.Join(names, ", ")), c.switchFix(sw)...)
}

// switchFix rewrites "switch err { case A, nil: }" as
// "switch { case errors.Is(err, A), err == nil: }" when the tag is a plain
// variable and every case is nil or an error.
func (c *checker) switchFix(sw *ast.SwitchStmt) []analysis.SuggestedFix {
	tag, ok := astutil.Unparen(sw.Tag).(*ast.Ident)
	if !ok {
		return nil
	}
	if _, isVar := c.pass.TypesInfo.Uses[tag].(*types.Var); !isVar {
		return nil
	}
	pkg, edits, ok := fixes.Import(c.pass.TypesInfo, c.file, sw.Pos(), "errors")
	if !ok {
		return nil
	}
	edits = append(edits, analysis.TextEdit{Pos: sw.Tag.Pos(), End: sw.Tag.End()})
	for _, stmt := range sw.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			return nil
		}
		for _, e := range cc.List {
			var text string
			t := c.pass.TypesInfo.TypeOf(e)
			switch {
			case isNil(c.pass.TypesInfo, e):
				text = tag.Name + " == nil"
			case validType(t) && types.Implements(t, errorIface):
				// A case may only use tag's name if it refers to the same variable.
				if mentions(e, tag.Name) {
					return nil
				}
				text = fmt.Sprintf("%s.Is(%s, %s)", pkg, tag.Name, c.text(e))
			default:
				return nil
			}
			edits = append(edits, analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(text)})
		}
	}
	return []analysis.SuggestedFix{{Message: "Use a switch without a tag and errors.Is", TextEdits: edits}}
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// mentions reports whether e uses an identifier spelled name.
func mentions(e ast.Node, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// ---- Rule: assert ----

// exemptType reports whether asserting value to t at cur is known to work.
func (c *checker) exemptType(cur inspector.Cursor, t types.Type, value ast.Expr) bool {
	if inIsMethod(cur) || c.ownField(value) || c.sentinel(value) != nil {
		return true // a package-level error asserted to its own type is never wrapped
	}
	named := t
	if p, ok := types.Unalias(named).(*types.Pointer); ok {
		named = p.Elem()
	}
	if n, ok := types.Unalias(named).(*types.Named); ok && n.Obj().Pkg() == c.pass.Pkg && !n.Obj().Exported() &&
		!c.ownTypeWrapped(n.Origin().Obj()) {
		return true // only this package makes these errors, and it never wraps them
	}
	key := typeKey(t)
	if key == "" {
		key = "-"
	}
	return c.unwrapped(cur, value, key, true)
}

// concreteErrorType reports whether t is a type that a type assertion or a
// type switch on an error checks directly: not an interface.
func concreteErrorType(t types.Type) bool {
	if !validType(t) || types.IsInterface(t) {
		return false
	}
	_, isTP := types.Unalias(t).(*types.TypeParam)
	return !isTP
}

func (c *checker) checkAssert(cur inspector.Cursor, ta *ast.TypeAssertExpr) {
	if c.test || ta.Type == nil || !isErrorIface(c.pass.TypesInfo.TypeOf(ta.X)) {
		return
	}
	t := c.pass.TypesInfo.TypeOf(ta.Type)
	if !concreteErrorType(t) || c.exemptType(cur, t, ta.X) || c.asFallback(cur, ta) {
		return
	}
	name := c.typeString(t)
	c.rep.Report(ta, CategoryAssert, fmt.Sprintf(
		"type assertion of an error to %s: once the %s is wrapped (fmt.Errorf with %%w, errors.Join) the assertion fails "+
			"and the code that handles it silently stops running; use errors.As (or errors.AsType since Go 1.26)", name, name),
		c.assertFix(cur, ta)...)
}

// asFallback reports whether the assertion "e, ok := err.(*T)" is backed
// by errors.As(err, &e) in the same function: the assertion is only a fast
// path (apimachinery's IsUnexpectedObjectError).
func (c *checker) asFallback(cur inspector.Cursor, ta *ast.TypeAssertExpr) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return false
	}
	info := c.pass.TypesInfo
	target, _ := match.ObjectOf(info, as.Lhs[0]).(*types.Var)
	errVar, _ := match.ObjectOf(info, ta.X).(*types.Var)
	if target == nil || errVar == nil {
		return false
	}
	fnCur := innermostFunc(cur)
	for call := range fnCur.Preorder((*ast.CallExpr)(nil)) {
		ce := call.Node().(*ast.CallExpr)
		if !match.Func(match.Callee(info, ce), "errors", "As") || len(ce.Args) != 2 {
			continue
		}
		addr, ok := astutil.Unparen(ce.Args[1]).(*ast.UnaryExpr)
		if ok && addr.Op == token.AND && match.ObjectOf(info, ce.Args[0]) == errVar && match.ObjectOf(info, addr.X) == target {
			return true
		}
	}
	return false
}

// assertFix rewrites "e, ok := err.(*T)" as
// "e, ok := errors.AsType[*T](err)" (Go 1.26), or, before Go 1.26,
// "if e, ok := err.(*T); ok {" as "if e := (*T)(nil); errors.As(err, &e) {"
// when ok is used nowhere else.
func (c *checker) assertFix(cur inspector.Cursor, ta *ast.TypeAssertExpr) []analysis.SuggestedFix {
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	var lhs []ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || len(p.Lhs) != 2 {
			return nil
		}
		lhs = p.Lhs
	case *ast.ValueSpec:
		if len(p.Values) != 1 || len(p.Names) != 2 {
			return nil
		}
		lhs = []ast.Expr{p.Names[0], p.Names[1]}
	default:
		return nil
	}
	pkg, edits, ok := fixes.Import(c.pass.TypesInfo, c.file, ta.Pos(), "errors")
	if !ok {
		return nil
	}
	typ := c.text(ta.Type)
	if goversion.AtLeast(c.pass.TypesInfo, c.file, asTypeVersion) {
		edits = append(edits, analysis.TextEdit{Pos: ta.Pos(), End: ta.End(),
			NewText: fmt.Appendf(nil, "%s.AsType[%s](%s)", pkg, typ, c.text(ta.X))})
		return []analysis.SuggestedFix{{Message: "Use errors.AsType", TextEdits: edits}}
	}
	// Before Go 1.26: only the "if e, ok := err.(*T); ok {" shape.
	as, isAssign := parent.Node().(*ast.AssignStmt)
	if !isAssign || as.Tok != token.DEFINE || parent.ParentEdgeKind() != edge.IfStmt_Init {
		return nil
	}
	ifs := parent.Parent().Node().(*ast.IfStmt)
	okID, ok1 := lhs[1].(*ast.Ident)
	eID, ok2 := lhs[0].(*ast.Ident)
	cond, ok3 := ifs.Cond.(*ast.Ident)
	if !ok1 || !ok2 || !ok3 || okID.Name == "_" {
		return nil
	}
	okObj := c.pass.TypesInfo.Defs[okID]
	if okObj == nil || c.pass.TypesInfo.Uses[cond] != okObj || c.uses(okObj) != 1 {
		return nil
	}
	var text string
	if eID.Name == "_" {
		text = fmt.Sprintf("%s.As(%s, new(%s))", pkg, c.text(ta.X), typ)
	} else {
		if mentions(ta.X, eID.Name) {
			return nil // the new variable would shadow one that the error expression uses
		}
		zero := "*new(" + typ + ")"
		if _, isPtr := types.Unalias(c.pass.TypesInfo.TypeOf(ta.Type)).(*types.Pointer); isPtr {
			zero = "(" + typ + ")(nil)"
		}
		text = fmt.Sprintf("%s := %s; %s.As(%s, &%s)", eID.Name, zero, pkg, c.text(ta.X), eID.Name)
	}
	edits = append(edits, analysis.TextEdit{Pos: as.Pos(), End: ifs.Cond.End(), NewText: []byte(text)})
	return []analysis.SuggestedFix{{Message: "Use errors.As", TextEdits: edits}}
}

func (c *checker) uses(obj types.Object) int {
	n := 0
	for _, o := range c.pass.TypesInfo.Uses {
		if o == obj {
			n++
		}
	}
	return n
}

func (c *checker) checkTypeSwitch(cur inspector.Cursor, ts *ast.TypeSwitchStmt) {
	if c.test {
		return
	}
	var ta *ast.TypeAssertExpr
	switch s := ts.Assign.(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			ta, _ = astutil.Unparen(s.Rhs[0]).(*ast.TypeAssertExpr)
		}
	case *ast.ExprStmt:
		ta, _ = astutil.Unparen(s.X).(*ast.TypeAssertExpr)
	}
	if ta == nil || !isErrorIface(c.pass.TypesInfo.TypeOf(ta.X)) {
		return
	}
	at, ok := cur.FindNode(ta)
	if !ok {
		return
	}
	var names []string
	for _, stmt := range ts.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			t := c.pass.TypesInfo.TypeOf(e)
			if isNil(c.pass.TypesInfo, e) || !concreteErrorType(t) || c.exemptType(at, t, ta.X) {
				continue
			}
			names = append(names, c.typeString(t))
		}
	}
	if len(names) == 0 {
		return
	}
	c.rep.Report(ta, CategoryAssert, fmt.Sprintf(
		"type switch on an error checks %s directly: once the error is wrapped (fmt.Errorf with %%w, errors.Join) these cases no longer match "+
			"and the error silently falls through to another branch; use errors.As for each type",
		strings.Join(names, ", ")))
}

// ---- Rule: is-never-matches ----

func (c *checker) checkIs(call *ast.CallExpr) {
	fn := match.Callee(c.pass.TypesInfo, call)
	if len(call.Args) != 2 || !(match.Func(fn, "errors", "Is") || match.Func(fn, "github.com/pkg/errors", "Is")) {
		return
	}
	info := c.pass.TypesInfo
	target := astutil.Unparen(call.Args[1])
	var why string
	switch t := target.(type) {
	case *ast.UnaryExpr:
		lit, ok := astutil.Unparen(t.X).(*ast.CompositeLit)
		if t.Op == token.AND && ok && c.freshNeverEqual(info.TypeOf(lit)) {
			why = "a pointer to a new composite literal is equal to no other error, and " + c.typeString(info.TypeOf(t)) + " has no Is method"
		}
	case *ast.CallExpr:
		callee := match.Callee(info, t)
		if id, ok := astutil.Unparen(t.Fun).(*ast.Ident); ok && len(t.Args) == 1 {
			if b, isB := info.Uses[id].(*types.Builtin); isB && b.Name() == "new" && c.freshNeverEqual(info.TypeOf(t.Args[0])) {
				why = "new returns a pointer equal to no other error, and " + c.typeString(info.TypeOf(t)) + " has no Is method"
			}
		}
		// Tests probe custom Is methods with a fresh error that must not
		// match: an Is method in the chain can match anything.
		if (match.Func(callee, "errors", "New") || match.Func(callee, "fmt", "Errorf")) && !c.test {
			why = "the target is created by this very call, so no error in the chain can be equal to it; compare with a package-level sentinel instead"
		}
	}
	if why == "" {
		if t := info.TypeOf(target); validType(t) && !types.IsInterface(t) && !types.Comparable(t) && !hasMethod(t, "Is") {
			why = "errors.Is compares with ==, and a " + c.typeString(t) + " is not comparable, so it matches only through an Is method, which it lacks"
		}
	}
	if why == "" {
		return
	}
	c.rep.Report(target, CategoryIsNeverMatches, "errors.Is can never match this target: "+why+
		"; the check is always false and the branch it guards is dead in production")
}

// freshNeverEqual reports whether a fresh *T (T the given type) can never
// be found by errors.Is: *T has no Is method and T is not zero-sized
// (distinct pointers to zero-sized values may compare equal).
func (c *checker) freshNeverEqual(t types.Type) bool {
	if !validType(t) {
		return false
	}
	if _, isTP := types.Unalias(t).(*types.TypeParam); isTP {
		return false
	}
	if hasMethod(types.NewPointer(t), "Is") {
		return false
	}
	return c.pass.TypesSizes != nil && c.pass.TypesSizes.Sizeof(t) > 0
}

// ---- Rule: as-never-matches ----

func (c *checker) checkAs(call *ast.CallExpr) {
	fn := match.Callee(c.pass.TypesInfo, call)
	if len(call.Args) != 2 || !(match.Func(fn, "errors", "As") || match.Func(fn, "github.com/pkg/errors", "As")) {
		return
	}
	tt := c.pass.TypesInfo.TypeOf(call.Args[1])
	if !validType(tt) {
		return
	}
	outer, ok := types.Unalias(tt).(*types.Pointer)
	if !ok {
		return
	}
	inner, ok := types.Unalias(outer.Elem()).(*types.Pointer)
	if !ok {
		return
	}
	named, ok := types.Unalias(inner.Elem()).(*types.Named)
	if !ok || types.IsInterface(named) || named.Obj().Pkg() != c.pass.Pkg {
		return
	}
	// T implements error itself (value receiver), so values of T are the
	// errors; a *T target matches only if the package makes *T values.
	if !types.Implements(named, errorIface) {
		return // go vet's errorsas reports the reverse mistake
	}
	if named.Obj().Exported() && c.pass.Pkg.Name() != "main" {
		return // other packages may create *T values
	}
	if c.createsPointer(named.Origin().Obj()) {
		return
	}
	name := c.typeString(named)
	c.rep.Report(call.Args[1], CategoryAsNeverMatches, fmt.Sprintf(
		"errors.As can never match this target: %s implements error with a value receiver and this package never creates a *%s, "+
			"so the chain holds %s values and a *%s target finds none; declare the target as %s",
		name, name, name, name, name))
}

// createsPointer reports whether the package creates a *T value anywhere,
// or could (T has pointer-receiver methods, which may return the receiver).
func (c *checker) createsPointer(obj *types.TypeName) bool {
	if c.created == nil {
		c.created = map[*types.TypeName]bool{}
		asTargets := map[ast.Expr]bool{} // &v in errors.As(err, &v) puts no *T in a chain
		for _, f := range c.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					fn := match.Callee(c.pass.TypesInfo, n)
					if len(n.Args) == 2 && (match.Func(fn, "errors", "As") || match.Func(fn, "github.com/pkg/errors", "As")) {
						asTargets[astutil.Unparen(n.Args[1])] = true
					}
				case *ast.CompositeLit:
					// An elided &T in a []*T literal.
					if named, ok := types.Unalias(c.pass.TypesInfo.TypeOf(n)).(*types.Named); ok && n.Type == nil {
						c.created[named.Origin().Obj()] = true
					}
				}
				return true
			})
		}
		for e, tv := range c.pass.TypesInfo.Types {
			if tv.Type == nil || asTargets[e] {
				continue
			}
			p, ok := types.Unalias(tv.Type).(*types.Pointer)
			if !ok {
				continue
			}
			n, ok := types.Unalias(p.Elem()).(*types.Named)
			if !ok {
				continue
			}
			switch e.(type) {
			case *ast.UnaryExpr, *ast.CallExpr, *ast.CompositeLit:
				c.created[n.Origin().Obj()] = true
			}
		}
	}
	if c.created[obj] {
		return true
	}
	if n, ok := obj.Type().(*types.Named); ok {
		for m := range n.Methods() {
			if sig, ok := m.Type().(*types.Signature); ok && sig.Recv() != nil {
				if _, isPtr := types.Unalias(sig.Recv().Type()).(*types.Pointer); isPtr {
					return true
				}
			}
		}
	}
	return false
}

// ---- Source text ----

// text returns the source of n, or its printed form when the file content
// is unavailable.
func (c *checker) text(n ast.Node) string {
	if c.src != nil {
		tf := c.pass.Fset.File(n.Pos())
		if tf != nil && tf.Size() == len(c.src) {
			start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
			if 0 <= start && start <= end && end <= len(c.src) {
				return string(c.src[start:end])
			}
		}
	}
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, c.pass.Fset, n); err != nil {
		return ""
	}
	return buf.String()
}

// isConversion reports whether call converts a value (error(x)) instead of
// calling a function.
func isConversion(info *types.Info, call *ast.CallExpr) bool {
	tv, ok := info.Types[call.Fun]
	return ok && tv.IsType()
}

// implementsError reports whether t, or a pointer to it, is an error.
func implementsError(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return types.Implements(t, errorIface) || types.Implements(types.NewPointer(t), errorIface)
}
