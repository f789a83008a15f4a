package poolmisuse

import (
	_ "embed"
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
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "poolmisuse"

// Categories of the diagnostics.
const (
	CategoryPutNonPointer = "put-non-pointer"
	CategoryNewNonPointer = "new-non-pointer"
	CategoryTypeMismatch  = "type-mismatch"
	CategoryNilGet        = "nil-get"
)

const syncPkg = "sync"

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer whose options are its flags, so that two
// configurations never share state.
func New() *analysis.Analyzer {
	o := &options{}
	a := &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      o.run,
	}
	a.Flags.BoolVar(&o.slices, "slices", false,
		"also report slices put into a pool or returned by New: one slice-header allocation per Put, usually noise next to the buffer the pool saves")
	return a
}

type options struct {
	slices bool
}

// A pool is what the package does with one pool variable or field.
type pool struct {
	obj      *types.Var
	news     []ast.Expr // values stored in New
	unknown  bool       // stored from a value we cannot see through, or its address escapes
	gets     []get
	otherGet bool // a Get whose result is not asserted directly (or a method value of Get)
	puts     []ast.Expr
}

type get struct {
	assert  *ast.TypeAssertExpr
	commaOk bool
}

// A putVar is a variable holding the method value p.Put.
type putVar struct {
	pool *types.Var // nil when the pool is not identified
}

type checker struct {
	pass      *analysis.Pass
	slices    bool // report slices too (-slices)
	rep       *report.Reporter
	pools     map[*types.Var]*pool
	order     []*pool
	funcDecls map[*types.Func]*ast.FuncDecl
	stores    map[types.Object]int // assignments to each variable
	putVars   map[types.Object]putVar
	varCalls  []*ast.CallExpr // calls of a variable, possibly a Put method value
	tests     map[*token.File]bool
	reported  map[token.Pos]bool
	// New functions, judged once every Put is known.
	news []ast.Expr
}

func (o *options) run(pass *analysis.Pass) (any, error) {
	if !match.Imports(pass.Pkg, syncPkg) {
		return nil, nil
	}
	c := &checker{
		pass:      pass,
		slices:    o.slices,
		rep:       report.New(pass, report.SkipTestFiles), // tests and benchmarks are not production code
		pools:     make(map[*types.Var]*pool),
		funcDecls: make(map[*types.Func]*ast.FuncDecl),
		stores:    make(map[types.Object]int),
		putVars:   make(map[types.Object]putVar),
		reported:  make(map[token.Pos]bool),
	}
	// staticcheck's SA6002 is the put-non-pointer rule: code reviewed and
	// silenced for it is not reported again.
	c.rep.HonorStaticcheck(CategoryPutNonPointer, "SA6002")
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && fn != nil {
					c.funcDecls[fn] = fd
				}
			}
		}
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	for cur := range root.Preorder((*ast.Ident)(nil), (*ast.SelectorExpr)(nil), (*ast.CallExpr)(nil),
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.Ident:
			c.ident(cur, n)
		case *ast.SelectorExpr:
			c.selector(cur, n)
		case *ast.CallExpr:
			c.call(cur, n)
		case *ast.AssignStmt:
			c.assign(n)
		case *ast.ValueSpec:
			c.valueSpec(n)
		case *ast.CompositeLit:
			c.compositeLit(n)
		}
	}
	for _, call := range c.varCalls {
		id, _ := astutil.Unparen(call.Fun).(*ast.Ident)
		obj := c.pass.TypesInfo.Uses[id]
		pv, ok := c.putVars[obj]
		if !ok || c.stores[obj] != 1 || len(call.Args) != 1 {
			continue
		}
		c.checkPutArg(call.Args[0])
		if pv.pool != nil {
			p := c.pool(pv.pool)
			p.puts = append(p.puts, call.Args[0])
		}
	}
	for _, p := range c.order {
		c.judge(p)
	}
	c.reportNews()
	return nil, nil
}

// pool returns the record of pool variable v.
func (c *checker) pool(v *types.Var) *pool {
	p := c.pools[v]
	if p == nil {
		p = &pool{obj: v}
		c.pools[v] = p
		c.order = append(c.order, p)
	}
	return p
}

// isPoolType reports whether t is sync.Pool or *sync.Pool.
func isPoolType(t types.Type) bool { return match.NamedType(t, syncPkg, "Pool") }

// poolVar returns the variable or field that the pool-typed expression e
// denotes, or nil.
func (c *checker) poolVar(e ast.Expr) *types.Var {
	info := c.pass.TypesInfo
	switch e := astutil.Unparen(e).(type) {
	case *ast.StarExpr:
		return c.poolVar(e.X)
	case *ast.Ident:
		return poolTyped(info.ObjectOf(e))
	case *ast.SelectorExpr:
		if s, ok := info.Selections[e]; ok {
			if s.Kind() != types.FieldVal {
				return nil
			}
			return poolTyped(s.Obj())
		}
		// A qualified identifier. (Not Defs: the selector naming the
		// type of an embedded field defines the field.)
		return poolTyped(info.Uses[e.Sel])
	}
	return nil
}

// poolTyped returns obj when it is a variable or field of type sync.Pool or
// *sync.Pool.
func poolTyped(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	if v == nil || !isPoolType(v.Type()) {
		return nil
	}
	return v
}

// member classifies a selection of a sync.Pool member: "Get", "Put", "New"
// or "". It also returns the pool variable or field it is selected on,
// which for promoted members is the embedded field.
func (c *checker) member(sel *ast.SelectorExpr) (string, *types.Var) {
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok {
		return "", nil
	}
	obj := s.Obj()
	var name string
	switch {
	case match.Method(obj, syncPkg, "Pool", "Get"):
		name = "Get"
	case match.Method(obj, syncPkg, "Pool", "Put"):
		name = "Put"
	default:
		if v, ok := obj.(*types.Var); ok && v != nil && v.IsField() && v.Name() == "New" &&
			v.Pkg() != nil && v.Pkg().Path() == syncPkg {
			name = "New"
		} else {
			return "", nil
		}
	}
	if s.Kind() == types.MethodExpr {
		return name, nil
	}
	idx := s.Index()
	if len(idx) == 1 {
		return name, c.poolVar(sel.X)
	}
	// Promoted through embedded fields: the pool is the last one.
	t := s.Recv()
	var field *types.Var
	for _, i := range idx[:len(idx)-1] {
		t = types.Unalias(t)
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i < 0 || i >= st.NumFields() {
			return name, nil
		}
		field = st.Field(i)
		t = field.Type()
	}
	if field == nil || !isPoolType(field.Type()) {
		return name, nil
	}
	return name, field
}

// ident records uses of pool variables that let other code reach the pool,
// and pool parameters, whose New is set by the caller.
func (c *checker) ident(cur inspector.Cursor, id *ast.Ident) {
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		return // handled with the selector
	}
	info := c.pass.TypesInfo
	if _, ok := info.Defs[id]; ok {
		v, _ := info.Defs[id].(*types.Var)
		if v == nil || v.IsField() || !isPoolType(v.Type()) {
			return
		}
		switch cur.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.ValueSpec_Names:
			// stores are handled with the statement
		default: // parameters, results, range and type switch variables
			c.pool(v).unknown = true
		}
		return
	}
	c.poolUse(cur, c.poolVar(id))
}

// poolUse marks the pool v as unknown when the expression at cur, which
// denotes it, is used other than by selecting a member or storing into it.
func (c *checker) poolUse(cur inspector.Cursor, v *types.Var) {
	if v == nil {
		return
	}
	for {
		switch cur.ParentEdgeKind() {
		case edge.ParenExpr_X, edge.StarExpr_X:
			cur = cur.Parent()
			continue
		case edge.SelectorExpr_X:
			if name, _ := c.member(cur.Parent().Node().(*ast.SelectorExpr)); name != "" {
				return
			}
		case edge.AssignStmt_Lhs, edge.KeyValueExpr_Key:
			return
		}
		break
	}
	c.pool(v).unknown = true
}

// selector handles selections of pool fields and of pool members.
func (c *checker) selector(cur inspector.Cursor, sel *ast.SelectorExpr) {
	if s, ok := c.pass.TypesInfo.Selections[sel]; !ok || s.Kind() == types.FieldVal {
		c.poolUse(cur, c.poolVar(sel)) // s.pool, or pkg.Pool
	}
	name, v := c.member(sel)
	switch name {
	case "Get":
		if cur.ParentEdgeKind() == edge.CallExpr_Fun {
			return // handled with the call
		}
		if v != nil {
			c.pool(v).otherGet = true
		}
	case "Put":
		if cur.ParentEdgeKind() == edge.CallExpr_Fun {
			return
		}
		// A method value: put := p.Put
		parent := cur.Parent().Node()
		switch cur.ParentEdgeKind() {
		case edge.AssignStmt_Rhs:
			as := parent.(*ast.AssignStmt)
			if len(as.Lhs) == len(as.Rhs) {
				if id, ok := as.Lhs[cur.ParentEdgeIndex()].(*ast.Ident); ok {
					if obj := c.pass.TypesInfo.ObjectOf(id); obj != nil {
						c.putVars[obj] = putVar{pool: v}
					}
				}
			}
		case edge.ValueSpec_Values:
			vs := parent.(*ast.ValueSpec)
			if len(vs.Names) == len(vs.Values) {
				if obj := c.pass.TypesInfo.Defs[vs.Names[cur.ParentEdgeIndex()]]; obj != nil {
					c.putVars[obj] = putVar{pool: v}
				}
			}
		}
	}
}

// call handles calls of Get and Put.
func (c *checker) call(cur inspector.Cursor, call *ast.CallExpr) {
	info := c.pass.TypesInfo
	fn := match.Callee(info, call)
	if fn == nil {
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
			if _, ok := info.Uses[id].(*types.Var); ok {
				c.varCalls = append(c.varCalls, call)
			}
		}
		return
	}
	isGet, isPut := match.Method(fn, syncPkg, "Pool", "Get"), match.Method(fn, syncPkg, "Pool", "Put")
	if !isGet && !isPut {
		return
	}
	sel, _ := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	var v *types.Var
	args := call.Args
	if sel != nil {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			if len(args) > 0 {
				args = args[1:] // (*sync.Pool).Put(p, x)
			}
		} else {
			_, v = c.member(sel)
		}
	}
	if isPut {
		if len(args) == 1 {
			c.checkPutArg(args[0])
			if v != nil {
				p := c.pool(v)
				p.puts = append(p.puts, args[0])
			}
		}
		return
	}
	if v == nil {
		return
	}
	p := c.pool(v)
	// Climb parentheses to the use of Get's result.
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	ta, ok := cur.Parent().Node().(*ast.TypeAssertExpr)
	if !ok || cur.ParentEdgeKind() != edge.TypeAssertExpr_X || ta.Type == nil {
		p.otherGet = true
		return
	}
	as := cur.Parent()
	for as.ParentEdgeKind() == edge.ParenExpr_X {
		as = as.Parent()
	}
	commaOk := false
	switch n := as.Parent().Node().(type) {
	case *ast.AssignStmt:
		commaOk = len(n.Lhs) == 2 && len(n.Rhs) == 1
	case *ast.ValueSpec:
		commaOk = len(n.Names) == 2 && len(n.Values) == 1
	}
	p.gets = append(p.gets, get{assert: ta, commaOk: commaOk})
}

// assign handles stores into pool variables and into their New field.
func (c *checker) assign(as *ast.AssignStmt) {
	info := c.pass.TypesInfo
	for i, lhs := range as.Lhs {
		if id, ok := astutil.Unparen(lhs).(*ast.Ident); ok {
			if obj := info.ObjectOf(id); obj != nil {
				c.stores[obj]++
			}
		}
		var rhs ast.Expr
		if len(as.Lhs) == len(as.Rhs) && (as.Tok == token.ASSIGN || as.Tok == token.DEFINE) {
			rhs = as.Rhs[i]
		}
		if sel, ok := astutil.Unparen(lhs).(*ast.SelectorExpr); ok {
			if name, v := c.member(sel); name == "New" {
				if rhs != nil {
					c.checkNew(rhs)
				}
				if v != nil {
					p := c.pool(v)
					if rhs == nil {
						p.unknown = true
					} else {
						p.news = append(p.news, rhs)
					}
				}
				continue
			}
		}
		if v := c.poolVar(lhs); v != nil {
			c.store(v, rhs)
		}
	}
}

func (c *checker) valueSpec(vs *ast.ValueSpec) {
	for i, id := range vs.Names {
		v, _ := c.pass.TypesInfo.Defs[id].(*types.Var)
		if v == nil {
			continue
		}
		c.stores[v]++
		if !isPoolType(v.Type()) || len(vs.Values) == 0 {
			continue // the zero pool has no New
		}
		var rhs ast.Expr
		if len(vs.Values) == len(vs.Names) {
			rhs = vs.Values[i]
		}
		c.store(v, rhs)
	}
}

// compositeLit handles pool literals (their New) and struct literals that
// store a pool into a field.
func (c *checker) compositeLit(lit *ast.CompositeLit) {
	t := c.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok { // elided &T in []*T{{...}}
		t = p.Elem()
	}
	if match.IsType(t, syncPkg, "Pool") {
		if nv := c.literalNew(lit); nv != nil {
			c.checkNew(nv)
		}
		return
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		var field *types.Var
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, _ := kv.Key.(*ast.Ident)
			if id == nil {
				continue
			}
			field, _ = c.pass.TypesInfo.Uses[id].(*types.Var)
			value = kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field != nil && field.IsField() && isPoolType(field.Type()) {
			c.store(field, value)
		}
	}
}

// literalNew returns the New value of a sync.Pool literal, or nil.
func (c *checker) literalNew(lit *ast.CompositeLit) ast.Expr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "New" {
				return kv.Value
			}
		}
	}
	return nil
}

// store records that the pool variable v is assigned rhs (nil when the
// value cannot be told, as from a multi-value call).
func (c *checker) store(v *types.Var, rhs ast.Expr) {
	p := c.pool(v)
	if rhs == nil {
		p.unknown = true
		return
	}
	e := astutil.Unparen(rhs)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = astutil.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		if match.IsType(c.pass.TypesInfo.TypeOf(e), syncPkg, "Pool") {
			if nv := c.literalNew(e); nv != nil {
				p.news = append(p.news, nv)
			}
			return
		}
	case *ast.CallExpr: // new(sync.Pool)
		if id, ok := astutil.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) == 1 {
			if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "new" &&
				match.IsType(c.pass.TypesInfo.TypeOf(e.Args[0]), syncPkg, "Pool") {
				return
			}
		}
	}
	p.unknown = true
}
