package httptimeout

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// ---- Clients paced by the caller's context ----

// A library that falls back to http.DefaultClient or &http.Client{} when
// its user gives no client, and sends every request with the context its
// caller passed in, leaves the deadline to that caller: an overall Timeout
// there would cut the long watches and streams such libraries serve.

// pacing collects what the uses of a client do.
type pacing struct {
	sends   int  // Do calls with a request carrying the caller's context
	unknown bool // any other use that may send or pass the client on
	seen    map[types.Object]bool
}

// callerPaced reports whether the client value at cur (a literal, new(...)
// or http.DefaultClient) is stored or returned only to send requests with
// Do whose context is a context parameter of the sending function (or
// derived from one), and is used nowhere else but in nil checks, field
// accesses and further stores.
//
// Only a default that the code keeps for its user counts: the value must be
// stored into a struct field (a nil-client fallback, a constructor's
// default) or returned by a getter. A client the code builds and uses
// itself (http.DefaultClient.Do(req)) is its own choice and still reported.
func (c *checker) callerPaced(cur inspector.Cursor) bool {
	at := cur
	for at.ParentEdgeKind() == edge.ParenExpr_X || at.ParentEdgeKind() == edge.UnaryExpr_X {
		at = at.Parent()
	}
	switch at.ParentEdgeKind() {
	case edge.AssignStmt_Rhs:
		as := at.Parent().Node().(*ast.AssignStmt)
		i := at.ParentEdgeIndex()
		if len(as.Lhs) != len(as.Rhs) {
			return false
		}
		if f, ok := storeTarget(c.pass.TypesInfo, as.Lhs[i]).(*types.Var); !ok || !f.IsField() {
			return false
		}
	case edge.KeyValueExpr_Value, edge.ReturnStmt_Results:
	default:
		return false
	}
	p := &pacing{seen: map[types.Object]bool{}}
	c.usePaced(cur, p, 0)
	return !p.unknown && p.sends > 0
}

// usePaced classifies the use of the client value produced at cur.
func (c *checker) usePaced(cur inspector.Cursor, p *pacing, depth int) {
	if depth > 4 {
		p.unknown = true
		return
	}
	info := c.pass.TypesInfo
	switch cur.ParentEdgeKind() {
	case edge.ParenExpr_X, edge.UnaryExpr_X, edge.StarExpr_X:
		c.usePaced(cur.Parent(), p, depth)
		return
	case edge.SelectorExpr_X:
		sel := cur.Parent().Node().(*ast.SelectorExpr)
		s, ok := info.Selections[sel]
		if !ok {
			p.unknown = true
			return
		}
		if s.Kind() == types.FieldVal {
			return // reading or setting a field sends nothing
		}
		switch sel.Sel.Name {
		case "CloseIdleConnections":
			return
		case "Do":
			if call, ok := cur.Parent().Parent().Node().(*ast.CallExpr); ok && call.Fun == sel && len(call.Args) == 1 &&
				c.requestFromCaller(cur, call.Args[0], 0) {
				p.sends++
				return
			}
		}
		p.unknown = true
		return
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		if be := cur.Parent().Node().(*ast.BinaryExpr); be.Op == token.EQL || be.Op == token.NEQ {
			return
		}
	case edge.AssignStmt_Lhs, edge.KeyValueExpr_Key:
		return // a new value is stored here
	case edge.AssignStmt_Rhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		if i := cur.ParentEdgeIndex(); len(as.Lhs) == len(as.Rhs) {
			c.objectPaced(storeTarget(info, as.Lhs[i]), p, depth)
			return
		}
	case edge.ValueSpec_Values:
		vs := cur.Parent().Node().(*ast.ValueSpec)
		if i := cur.ParentEdgeIndex(); len(vs.Names) == len(vs.Values) {
			c.objectPaced(info.Defs[vs.Names[i]], p, depth)
			return
		}
	case edge.KeyValueExpr_Value:
		// &T{client: http.DefaultClient}: the field of the struct.
		if key, ok := cur.Parent().Node().(*ast.KeyValueExpr).Key.(*ast.Ident); ok {
			if f, ok := info.Uses[key].(*types.Var); ok && f.IsField() {
				c.objectPaced(f, p, depth)
				return
			}
		}
	case edge.ReturnStmt_Results:
		// A getter: func (c *Client) httpClient() *http.Client.
		ret := cur.Parent().Node().(*ast.ReturnStmt)
		if len(ret.Results) == 1 {
			for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
				if fd, ok := fc.Node().(*ast.FuncDecl); ok {
					c.objectPaced(info.Defs[fd.Name], p, depth)
					return
				}
				break
			}
		}
	}
	p.unknown = true
}

// objectPaced classifies every use, in this package, of the variable,
// field or function obj that holds or returns the client.
func (c *checker) objectPaced(obj types.Object, p *pacing, depth int) {
	switch obj.(type) {
	case *types.Var, *types.Func:
	default:
		p.unknown = true
		return
	}
	if p.seen[obj] {
		return
	}
	p.seen[obj] = true
	_, isFunc := obj.(*types.Func)
	for _, use := range c.usesOf(obj) {
		if use.ParentEdgeKind() == edge.SelectorExpr_Sel {
			use = use.Parent()
		}
		if isFunc {
			if use.ParentEdgeKind() != edge.CallExpr_Fun {
				p.unknown = true // the function escapes as a value
				return
			}
			use = use.Parent()
		}
		c.usePaced(use, p, depth+1)
		if p.unknown {
			return
		}
	}
}

// usesOf returns the identifiers of the package that refer to obj.
func (c *checker) usesOf(obj types.Object) []inspector.Cursor {
	if c.uses == nil {
		c.uses = map[types.Object][]inspector.Cursor{}
		for cur := range c.root.Preorder((*ast.Ident)(nil)) {
			if o := c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)]; o != nil {
				c.uses[o] = append(c.uses[o], cur)
			}
		}
	}
	return c.uses[obj]
}

// storeTarget returns the variable or field that an assignment to e
// stores into.
func storeTarget(info *types.Info, e ast.Expr) types.Object {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		if s, ok := info.Selections[e]; ok && s.Kind() == types.FieldVal {
			return s.Obj()
		}
	}
	return nil
}

// requestFromCaller reports whether every value of the request expression e
// is built with a context from the caller: http.NewRequestWithContext,
// Request.WithContext or Request.Clone with such a context.
func (c *checker) requestFromCaller(at inspector.Cursor, e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	info := c.pass.TypesInfo
	switch e := astutil.Unparen(e).(type) {
	case *ast.CallExpr:
		fn := match.Callee(info, e)
		if (match.Func(fn, netHTTP, "NewRequestWithContext") || match.Method(fn, netHTTP, "Request", "WithContext") ||
			match.Method(fn, netHTTP, "Request", "Clone")) && len(e.Args) > 0 {
			return c.contextFromCaller(at, e.Args[0], depth+1)
		}
	case *ast.Ident:
		values := assignedValues(info, enclosingBody(at), info.ObjectOf(e))
		for _, v := range values {
			if !c.requestFromCaller(at, v, depth+1) {
				return false
			}
		}
		return len(values) > 0
	}
	return false
}

// contextFromCaller reports whether e is a context.Context parameter of a
// function around at, the context of an *http.Request parameter, or a
// context derived from one with cancellation, a deadline or a value.
func (c *checker) contextFromCaller(at inspector.Cursor, e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	info := c.pass.TypesInfo
	switch e := astutil.Unparen(e).(type) {
	case *ast.CallExpr:
		fn := match.Callee(info, e)
		for _, name := range []string{"WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause", "WithValue"} {
			if match.Func(fn, "context", name) && len(e.Args) > 0 {
				return c.contextFromCaller(at, e.Args[0], depth+1)
			}
		}
		if sel, ok := astutil.Unparen(e.Fun).(*ast.SelectorExpr); ok && match.Method(fn, netHTTP, "Request", "Context") {
			return c.isParam(at, info.ObjectOf(identOf(sel.X)))
		}
	case *ast.Ident:
		obj := info.ObjectOf(e)
		if match.NamedType(obj.Type(), "context", "Context") && c.isParam(at, obj) {
			return true
		}
		values := assignedValues(info, enclosingBody(at), obj)
		for _, v := range values {
			if !c.contextFromCaller(at, v, depth+1) {
				return false
			}
		}
		return len(values) > 0
	}
	return false
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := astutil.Unparen(e).(*ast.Ident)
	return id
}

// isParam reports whether obj is a parameter of a function around at.
func (c *checker) isParam(at inspector.Cursor, obj types.Object) bool {
	if obj == nil {
		return false
	}
	for fc := range at.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch f := fc.Node().(type) {
		case *ast.FuncDecl:
			ft = f.Type
		case *ast.FuncLit:
			ft = f.Type
		}
		if ft.Params != nil && ft.Params.Pos() <= obj.Pos() && obj.Pos() < ft.Params.End() {
			return true
		}
	}
	return false
}

// ---- Clients that mirror the user's own zero Timeout ----

// zeroTimeoutBranch reports whether cur lies where a time.Duration is known
// to be zero: in the body of if d == 0 (or d <= 0), or in the else branch
// of if d != 0 (or d > 0). The code builds a client without Timeout
// because its user configured none.
func (c *checker) zeroTimeoutBranch(cur inspector.Cursor) bool {
	pos := cur.Node().Pos()
	for ic := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		ifs, ok := ic.Node().(*ast.IfStmt)
		if !ok {
			return false
		}
		be, ok := astutil.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || !c.durationVsZero(be) {
			continue
		}
		inBody := ifs.Body.Pos() <= pos && pos < ifs.Body.End()
		inElse := ifs.Else != nil && ifs.Else.Pos() <= pos && pos < ifs.Else.End()
		switch be.Op {
		case token.EQL, token.LEQ:
			if inBody {
				return true
			}
		case token.NEQ, token.GTR:
			if inElse {
				return true
			}
		}
	}
	return false
}

// durationVsZero reports whether be compares a time.Duration with 0, the
// duration on the left.
func (c *checker) durationVsZero(be *ast.BinaryExpr) bool {
	info := c.pass.TypesInfo
	tv, ok := info.Types[be.Y]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	if v, exact := constant.Int64Val(tv.Value); !exact || v != 0 {
		return false
	}
	return match.NamedType(info.TypeOf(be.X), "time", "Duration")
}
