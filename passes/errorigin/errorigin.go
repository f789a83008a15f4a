package errorigin

import (
	_ "embed"
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

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/match"
)

//go:embed doc.go
var doc string

// Analyzer computes a *Result and exports wraps facts.
var Analyzer = &analysis.Analyzer{
	Name:       "errorigin",
	Doc:        analyzerdoc.MustExtract(doc, "errorigin"),
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(wrapsFact), new(freshFact)},
}

// Result answers where error values of the package come from. Its methods
// may be called after the pass ends; they are safe for concurrent use.
type Result struct {
	pass    *analysis.Pass
	root    inspector.Cursor
	wrapped map[*types.Var]bool      // sentinels of this package that it wraps somewhere
	ownErrs map[*types.TypeName]bool // error types of this package that it wraps somewhere

	sitesOnce sync.Once
	sites     map[*types.Func]*callSites // calls of this package's functions, built lazily

	// noArguments: do not follow parameters to the arguments of their
	// calls, which indexes every identifier of the package. Set while the
	// facts of a dependency are computed; the answers are only more
	// cautious.
	noArguments bool

	freshMu sync.Mutex
	fresh   map[*types.Func]bool // functions of this package that return only fresh errors

	declsOnce sync.Once
	decls     map[*types.Func]inspector.Cursor // declarations of this package's functions, built lazily
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, root: pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()}
	r.collectWrapped()
	r.exportWraps()
	r.exportFresh()
	return r, nil
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

func validType(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.(*types.Basic); ok && b.Kind() == types.Invalid {
		return false
	}
	return true
}

// Sentinel returns the package-level variable of an error type that e
// names, or nil.
func (r *Result) Sentinel(e ast.Expr) *types.Var {
	v, _ := match.ObjectOf(r.pass.TypesInfo, e).(*types.Var)
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return nil
	}
	if t := v.Type(); !validType(t) || !types.Implements(t, errorIface) {
		return nil
	}
	return v
}

// IsNil reports whether e is the untyped nil.
func IsNil(info *types.Info, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// isConversion reports whether call converts a value (error(x)) instead of
// calling a function.
func isConversion(info *types.Info, call *ast.CallExpr) bool {
	tv, ok := info.Types[call.Fun]
	return ok && tv.IsType()
}

// A Site is a call and where it is.
type Site struct {
	Call *ast.CallExpr
	Cur  inspector.Cursor
}

// An Assignment of a variable.
type Assignment struct {
	Cur   inspector.Cursor // the statement (or range clause) that assigns
	Pos   token.Pos
	Value ast.Expr // nil: unknown (comma-ok forms, range, address taken)
}

// callSites are the calls of a function; escaped when it is also used as a
// value, so that it may be called from anywhere.
type callSites struct {
	calls   []Site
	escaped bool
}

// Sources returns the calls whose results e may hold at cur. complete is
// false when some value comes from elsewhere: a parameter, a field, a
// channel. Nil and sentinels themselves are no sources.
func (r *Result) Sources(cur inspector.Cursor, e ast.Expr) (calls []Site, complete bool) {
	return r.sources(cur, e, false, 0)
}

// sources is Sources; with strict set, a sentinel counts as a value from
// elsewhere, whose dynamic type is unknown.
func (r *Result) sources(cur inspector.Cursor, e ast.Expr, strict bool, depth int) (calls []Site, complete bool) {
	switch e := astutil.Unparen(e).(type) {
	case *ast.CallExpr:
		if isConversion(r.pass.TypesInfo, e) && len(e.Args) == 1 && depth <= 3 {
			return r.sources(cur, e.Args[0], strict, depth+1) // error(x) holds what x holds
		}
		return []Site{{e, cur}}, true
	case *ast.Ident:
		if depth > 3 {
			return nil, false
		}
		v, _ := r.pass.TypesInfo.Uses[e].(*types.Var)
		if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			return nil, false
		}
		fnCur, kind := DeclaringFunc(cur, v)
		switch kind {
		case LocalVar:
		case ResultVar:
			// A named result starts as nil; return statements assign it
			// when the function ends, which a deferred closure sees.
			if InnermostFunc(cur) != fnCur {
				return r.returnSources(fnCur, v, strict, depth)
			}
		case ParamVar:
			if r.noArguments {
				return nil, false
			}
			return r.argumentSources(fnCur, v, strict, depth)
		default:
			return nil, false
		}
		assigns, ok := r.Assignments(fnCur, v)
		if !ok {
			return nil, false
		}
		complete = true
		for _, a := range reaching(cur, assigns) {
			if a.Value == nil {
				complete = false
				continue
			}
			if IsNil(r.pass.TypesInfo, a.Value) {
				continue
			}
			if r.Sentinel(a.Value) != nil {
				complete = complete && !strict
				continue // a sentinel itself (err = io.EOF): not wrapped
			}
			more, ok := r.sources(a.Cur, a.Value, strict, depth+1)
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
func (r *Result) argumentSources(fnCur inspector.Cursor, v *types.Var, strict bool, depth int) ([]Site, bool) {
	fd, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok || fd.Recv != nil || fd.Name.IsExported() || fd.Name.Name == "main" || fd.Name.Name == "init" || depth > 2 {
		return nil, false
	}
	fn, _ := r.pass.TypesInfo.Defs[fd.Name].(*types.Func)
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
	if assigns, ok := r.Assignments(fnCur, v); !ok || len(assigns) > 0 {
		return nil, false
	}
	sites := r.callSites(fn)
	if sites == nil || sites.escaped || len(sites.calls) == 0 {
		return nil, false
	}
	var calls []Site
	for _, site := range sites.calls {
		if index >= len(site.Call.Args) || site.Call.Ellipsis.IsValid() {
			return nil, false
		}
		more, ok := r.sources(site.Cur, site.Call.Args[index], strict, depth+1)
		if !ok {
			return nil, false
		}
		calls = append(calls, more...)
	}
	return calls, true
}

func (r *Result) callSites(fn *types.Func) *callSites {
	r.sitesOnce.Do(func() {
		r.sites = map[*types.Func]*callSites{}
		for cur := range r.root.Preorder((*ast.Ident)(nil)) {
			f, ok := r.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Func)
			if !ok || f.Pkg() != r.pass.Pkg {
				continue
			}
			s := r.sites[f]
			if s == nil {
				s = &callSites{}
				r.sites[f] = s
			}
			ref := cur
			if ref.ParentEdgeKind() == edge.SelectorExpr_Sel {
				ref = ref.Parent()
			}
			if ref.ParentEdgeKind() == edge.CallExpr_Fun {
				s.calls = append(s.calls, Site{ref.Parent().Node().(*ast.CallExpr), ref.Parent()})
			} else {
				s.escaped = true
			}
		}
	})
	return r.sites[fn]
}

// returnSources returns the calls whose results the named result v of
// fnCur may hold when the function ends, as a deferred closure sees it:
// its assignments and the values of its return statements.
func (r *Result) returnSources(fnCur inspector.Cursor, v *types.Var, strict bool, depth int) ([]Site, bool) {
	assigns, ok := r.Assignments(fnCur, v)
	if !ok || depth > 2 {
		return nil, false
	}
	var sig *types.Signature
	switch f := fnCur.Node().(type) {
	case *ast.FuncDecl:
		if obj := r.pass.TypesInfo.Defs[f.Name]; obj != nil {
			sig, _ = obj.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		sig, _ = r.pass.TypesInfo.TypeOf(f).(*types.Signature)
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
		if InnermostFunc(rc) != fnCur {
			continue
		}
		ret := rc.Node().(*ast.ReturnStmt)
		if len(ret.Results) == 0 {
			continue // a bare return keeps the assigned value
		}
		assigns = append(assigns, Assignment{rc, ret.Pos(), valueAt(make([]ast.Expr, sig.Results().Len()), ret.Results, index)})
	}
	var calls []Site
	for _, a := range assigns {
		if a.Value == nil {
			return nil, false
		}
		if IsNil(r.pass.TypesInfo, a.Value) {
			continue
		}
		if r.Sentinel(a.Value) != nil {
			if strict {
				return nil, false
			}
			continue
		}
		more, ok := r.sources(a.Cur, a.Value, strict, depth+1)
		if !ok {
			return nil, false
		}
		calls = append(calls, more...)
	}
	return calls, true
}

// A VarKind tells how a function declares a variable.
type VarKind int

// Kinds of variables, for DeclaringFunc.
const (
	LocalVar VarKind = iota
	ParamVar
	ResultVar
	UnknownVar
)

// DeclaringFunc returns the function that declares v, seen from cur, and
// whether v is a local variable, a parameter or a named result of it.
func DeclaringFunc(cur inspector.Cursor, v *types.Var) (inspector.Cursor, VarKind) {
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
				return fc, LocalVar
			case ft.Results != nil && ft.Results.Pos() <= v.Pos() && v.Pos() < ft.Results.End():
				return fc, ResultVar
			case ft.Params != nil && ft.Params.Pos() <= v.Pos() && v.Pos() < ft.Params.End():
				return fc, ParamVar
			}
			return fc, UnknownVar
		}
	}
	return inspector.Cursor{}, UnknownVar
}

// InnermostFunc returns the function literal or declaration enclosing cur.
func InnermostFunc(cur inspector.Cursor) inspector.Cursor {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fc
	}
	return inspector.Cursor{}
}

// Assignments lists the assignments of v in the function fnCur. ok is false
// when v's address is taken.
func (r *Result) Assignments(fnCur inspector.Cursor, v *types.Var) (out []Assignment, ok bool) {
	info := r.pass.TypesInfo
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
					out = append(out, Assignment{n, s.Pos(), valueAt(s.Lhs, s.Rhs, i)})
				}
			}
		case *ast.ValueSpec:
			if len(s.Values) == 0 {
				continue // the zero value, nil
			}
			for i, name := range s.Names {
				if is(name) {
					out = append(out, Assignment{n, s.Pos(), valueAt(nil, s.Values, i)})
				}
			}
		case *ast.RangeStmt:
			if (s.Key != nil && is(s.Key)) || (s.Value != nil && is(s.Value)) {
				out = append(out, Assignment{n, s.Pos(), nil})
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
func reaching(cur inspector.Cursor, assigns []Assignment) []Assignment {
	at := cur.Node().Pos()
	last := -1
	for i, a := range assigns {
		if a.Pos < at && dominates(a.Cur, cur) {
			last = i
		}
	}
	if last < 0 {
		return assigns
	}
	out := []Assignment{assigns[last]}
	lastPos := assigns[last].Pos
	for i, a := range assigns {
		if i == last || a.Pos < lastPos {
			continue
		}
		if a.Pos < at || loopCarries(cur, a.Pos, lastPos) {
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
