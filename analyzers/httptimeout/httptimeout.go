package httptimeout

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/fixes"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "httptimeout"

// Default values of the options.
const (
	DefaultClientTimeout       = 30 * time.Second
	DefaultServerHeaderTimeout = 10 * time.Second
)

// Categories of the diagnostics.
const (
	CategoryDefaultClient = "default-client"
	CategoryClient        = "client-timeout"
	CategoryServer        = "server-timeout"
	CategoryServe         = "serve-without-server"
)

const netHTTP = "net/http"

// Analyzer is the analyzer with default options, for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer whose options are its flags, so that two
// configurations (two golangci-lint settings blocks) never share state.
func New() *analysis.Analyzer {
	o := &options{}
	a := &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      o.run,
	}
	a.Flags.DurationVar(&o.clientTimeout, "client-timeout", DefaultClientTimeout,
		"Timeout that the suggested fix gives an http.Client literal")
	a.Flags.DurationVar(&o.serverHeaderTimeout, "server-header-timeout", DefaultServerHeaderTimeout,
		"ReadHeaderTimeout that the suggested fix gives an http.Server literal")
	return a
}

type options struct {
	clientTimeout       time.Duration
	serverHeaderTimeout time.Duration
}

type checker struct {
	*options
	pass *analysis.Pass
	rep  *report.Reporter
	file *ast.File
	root inspector.Cursor
	uses map[types.Object][]inspector.Cursor // built lazily by usesOf
}

func (o *options) run(pass *analysis.Pass) (any, error) {
	if !match.Imports(pass.Pkg, netHTTP) {
		return nil, nil
	}
	c := &checker{options: o, pass: pass, rep: report.New(pass, report.SkipTestFiles)}
	// gosec reports the same server problems as G112 and G114; code
	// reviewed with "#nosec G112" is not reported again.
	c.rep.HonorNosec(CategoryServer, "G112")
	c.rep.HonorNosec(CategoryServe, "G114")
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c.root = root
	for fileCur := range root.Children() {
		c.file = fileCur.Node().(*ast.File)
		// Tests build clients and servers against httptest servers on
		// purpose; a missing timeout there hangs a test, not production.
		if !c.rep.Covers(c.file.FileStart) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.Ident)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil), (*ast.ValueSpec)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.Ident:
				c.checkUse(cur, n)
			case *ast.CompositeLit:
				c.checkLiteral(cur, n)
			case *ast.CallExpr:
				c.checkNew(cur, n)
			case *ast.ValueSpec:
				c.checkVarDecl(cur, n)
			}
		}
	}
	return nil, nil
}

// checkUse reports uses of the package-level helpers that rely on the
// default client or start a server without timeouts.
func (c *checker) checkUse(cur inspector.Cursor, id *ast.Ident) {
	obj := c.pass.TypesInfo.Uses[id]
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != netHTTP || obj.Parent() != obj.Pkg().Scope() {
		return
	}
	// The reference is "http.X" (or just "X" under a dot import).
	ref := cur
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		ref = cur.Parent()
	}
	name := obj.Name()
	switch {
	case match.Func(obj, netHTTP, "Get"), match.Func(obj, netHTTP, "Head"),
		match.Func(obj, netHTTP, "Post"), match.Func(obj, netHTTP, "PostForm"):
		c.rep.Reportf(ref.Node(), CategoryDefaultClient,
			"http.%s uses http.DefaultClient, which has no timeout: a slow or hung server holds this goroutine and its connection forever; "+
				"send the request with an http.Client that sets Timeout, or build it with http.NewRequestWithContext and a deadline", name)
	case match.Func(obj, netHTTP, "ListenAndServe"), match.Func(obj, netHTTP, "ListenAndServeTLS"):
		if call, ok := ref.Parent().Node().(*ast.CallExpr); ok && call.Fun == ref.Node() && len(call.Args) > 0 &&
			loopback(c.pass.TypesInfo, call.Args[0]) {
			return // a debug or pprof listener on localhost: no remote slowloris
		}
		fallthrough
	case match.Func(obj, netHTTP, "Serve"), match.Func(obj, netHTTP, "ServeTLS"):
		c.rep.Reportf(ref.Node(), CategoryServe,
			"http.%s serves with no timeouts: a client that sends its headers slowly (slowloris) holds a connection and a goroutine for as long as it likes; "+
				"create an http.Server with ReadHeaderTimeout set and call its %s method", name, name)
	case match.Var(obj, netHTTP, "DefaultClient"):
		c.checkDefaultClient(ref)
	}
}

// checkDefaultClient reports a use of http.DefaultClient that sends
// requests, except Do with a request whose context has a deadline set in the
// same function.
func (c *checker) checkDefaultClient(ref inspector.Cursor) {
	parent := ref.Parent()
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr: // http.DefaultClient.X
		sel, ok := c.pass.TypesInfo.Selections[p]
		if !ok || sel.Kind() == types.FieldVal {
			return // reading or setting a field (DefaultClient.Timeout = ...) sends nothing
		}
		switch m := sel.Obj().Name(); m {
		case "Do":
			if call, ok := parent.Parent().Node().(*ast.CallExpr); ok && call.Fun == p && len(call.Args) == 1 &&
				c.requestHasDeadline(parent, call.Args[0], 0) {
				return
			}
		case "Get", "Head", "Post", "PostForm":
		default:
			return // CloseIdleConnections and the like
		}
	case *ast.BinaryExpr: // c == http.DefaultClient
		if p.Op == token.EQL || p.Op == token.NEQ {
			return
		}
	case *ast.StarExpr: // a copy, *http.DefaultClient, to be configured
		return
	}
	if c.callerPaced(ref) {
		return // every request carries the caller's context
	}
	c.rep.Report(ref.Node(), CategoryDefaultClient,
		"http.DefaultClient has no timeout: a slow or hung server holds this goroutine and its connection forever; "+
			"use an http.Client with Timeout set, or send a request whose context has a deadline")
}

// requestHasDeadline reports whether the request expression e carries a
// context derived, in the same function, with context.WithTimeout or
// WithDeadline.
func (c *checker) requestHasDeadline(at inspector.Cursor, e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	info := c.pass.TypesInfo
	switch e := astutil.Unparen(e).(type) {
	case *ast.CallExpr:
		fn := match.Callee(info, e)
		switch {
		case match.Func(fn, netHTTP, "NewRequestWithContext") && len(e.Args) > 0,
			match.Method(fn, netHTTP, "Request", "WithContext") && len(e.Args) > 0,
			match.Method(fn, netHTTP, "Request", "Clone") && len(e.Args) > 0:
			return c.contextHasDeadline(at, e.Args[0], depth+1)
		}
	case *ast.Ident:
		for _, rhs := range assignedValues(info, enclosingBody(at), info.ObjectOf(e)) {
			if c.requestHasDeadline(at, rhs, depth+1) {
				return true
			}
		}
	}
	return false
}

func (c *checker) contextHasDeadline(at inspector.Cursor, e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	info := c.pass.TypesInfo
	switch e := astutil.Unparen(e).(type) {
	case *ast.CallExpr:
		fn := match.Callee(info, e)
		for _, name := range []string{"WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"} {
			if match.Func(fn, "context", name) {
				return true
			}
		}
	case *ast.Ident:
		for _, rhs := range assignedValues(info, enclosingBody(at), info.ObjectOf(e)) {
			if c.contextHasDeadline(at, rhs, depth+1) {
				return true
			}
		}
	}
	return false
}

// checkLiteral reports http.Client and http.Server literals without
// timeouts.
func (c *checker) checkLiteral(cur inspector.Cursor, lit *ast.CompositeLit) {
	t := c.pass.TypesInfo.TypeOf(lit)
	isClient, isServer := match.IsType(t, netHTTP, "Client"), match.IsType(t, netHTTP, "Server")
	if !isClient && !isServer {
		return
	}
	keys := literalKeys(lit)
	opening := report.Span{Start: lit.Pos(), Stop: lit.Lbrace + 1}
	if isClient {
		if keys["Timeout"] != nil || c.setLater(cur, "Timeout", "Transport") ||
			c.transport(cur, keys["Transport"], 0) != unbounded || c.zeroTimeoutBranch(cur) || c.callerPaced(cur) {
			return
		}
		c.reportClient(opening, c.literalFix(lit, "Timeout", c.clientTimeout))
		return
	}
	if keys["ReadHeaderTimeout"] != nil || keys["ReadTimeout"] != nil || c.setLater(cur, "ReadHeaderTimeout", "ReadTimeout") ||
		loopback(c.pass.TypesInfo, keys["Addr"]) {
		return
	}
	c.reportServer(opening, c.literalFix(lit, "ReadHeaderTimeout", c.serverHeaderTimeout))
}

// checkNew reports new(http.Client) and new(http.Server).
func (c *checker) checkNew(cur inspector.Cursor, call *ast.CallExpr) {
	id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return
	}
	if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
		return
	}
	t := c.pass.TypesInfo.TypeOf(call.Args[0])
	switch {
	case match.IsType(t, netHTTP, "Client"):
		if !c.setLater(cur, "Timeout", "Transport") && !c.zeroTimeoutBranch(cur) && !c.callerPaced(cur) {
			c.reportClient(call, nil)
		}
	case match.IsType(t, netHTTP, "Server"):
		if !c.setLater(cur, "ReadHeaderTimeout", "ReadTimeout") {
			c.reportServer(call, nil)
		}
	}
}

// checkVarDecl reports "var c http.Client" and "var s http.Server": zero
// values, with no timeouts.
func (c *checker) checkVarDecl(cur inspector.Cursor, spec *ast.ValueSpec) {
	if spec.Type == nil || len(spec.Values) > 0 {
		return
	}
	t := c.pass.TypesInfo.TypeOf(spec.Type)
	isClient, isServer := match.IsType(t, netHTTP, "Client"), match.IsType(t, netHTTP, "Server")
	if !isClient && !isServer {
		return
	}
	for _, name := range spec.Names {
		obj := c.pass.TypesInfo.Defs[name]
		if obj == nil || name.Name == "_" {
			continue
		}
		scope := enclosingBody(cur)
		if isClient {
			if !c.fieldAssigned(scope, obj, "Timeout", "Transport") {
				c.reportClient(name, nil)
			}
		} else if !c.fieldAssigned(scope, obj, "ReadHeaderTimeout", "ReadTimeout") {
			c.reportServer(name, nil)
		}
	}
}

func (c *checker) reportClient(rng analysis.Range, fix []analysis.SuggestedFix) {
	c.rep.Report(rng, CategoryClient,
		"http.Client without Timeout: unless every request carries a context with a deadline, a slow or hung server holds the calling goroutine, its connection and its memory forever; "+
			"set Timeout (for example "+fixes.Duration(c.clientTimeout, "time")+"), or ResponseHeaderTimeout on its transport if it streams large bodies", fix...)
}

func (c *checker) reportServer(rng analysis.Range, fix []analysis.SuggestedFix) {
	c.rep.Report(rng, CategoryServer,
		"http.Server without ReadHeaderTimeout or ReadTimeout: a client that sends its headers slowly (slowloris) holds a connection and a goroutine for as long as it likes; "+
			"set ReadHeaderTimeout (for example "+fixes.Duration(c.serverHeaderTimeout, "time")+")", fix...)
}

// literalFix adds "field: d" to lit, importing time when needed.
func (c *checker) literalFix(lit *ast.CompositeLit, field string, d time.Duration) []analysis.SuggestedFix {
	src, err := c.pass.ReadFile(c.pass.Fset.File(lit.Pos()).Name())
	if err != nil {
		return nil
	}
	qual, importEdits, ok := fixes.Import(c.pass.TypesInfo, c.file, lit.Pos(), "time")
	if !ok {
		return nil
	}
	value := fixes.Duration(d, qual)
	edit, ok := fixes.AddField(c.pass.Fset, src, lit, field, value)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Set %s: %s", field, value),
		TextEdits: append([]analysis.TextEdit{edit}, importEdits...),
	}}
}

// setLater reports whether the value built at cur (a literal, possibly
// behind &, or a call of new) is stored in a variable or field whose named
// field is assigned elsewhere in the same function, as in
//
//	c := &http.Client{}
//	c.Timeout = cfg.Timeout
func (c *checker) setLater(cur inspector.Cursor, fields ...string) bool {
	// Climb through & and parentheses to the expression that is stored.
	for {
		switch cur.ParentEdgeKind() {
		case edge.UnaryExpr_X, edge.ParenExpr_X:
			cur = cur.Parent()
			continue
		}
		break
	}
	var lhs ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if i := cur.ParentEdgeIndex(); len(p.Lhs) == len(p.Rhs) && i < len(p.Lhs) {
			lhs = p.Lhs[i]
		}
	case *ast.ValueSpec:
		if i := cur.ParentEdgeIndex(); len(p.Names) == len(p.Values) && i < len(p.Names) {
			lhs = p.Names[i]
		}
	}
	if lhs == nil {
		return false
	}
	root, path := lvaluePath(c.pass.TypesInfo, lhs)
	if root == nil {
		return false
	}
	return c.fieldAssignedPath(enclosingBody(cur), root, path, fields...)
}

func (c *checker) fieldAssigned(scope []ast.Node, root types.Object, fields ...string) bool {
	return c.fieldAssignedPath(scope, root, nil, fields...)
}

// fieldAssignedPath reports whether scope assigns root.path.field for one of
// fields.
func (c *checker) fieldAssignedPath(scope []ast.Node, root types.Object, path []string, fields ...string) bool {
	found := false
	for _, n := range scope {
		ast.Inspect(n, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || found {
				return !found
			}
			for _, l := range as.Lhs {
				sel, ok := astutil.Unparen(l).(*ast.SelectorExpr)
				if !ok || !slices.Contains(fields, sel.Sel.Name) {
					continue
				}
				if r, p := lvaluePath(c.pass.TypesInfo, sel.X); r == root && slices.Equal(p, path) {
					found = true
				}
			}
			return true
		})
	}
	return found
}

// lvaluePath splits x.f.g into the object of x and the field path [f g].
// It returns a nil object for any other shape of expression.
func lvaluePath(info *types.Info, e ast.Expr) (types.Object, []string) {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e), nil
	case *ast.StarExpr:
		return lvaluePath(info, e.X)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; !ok || sel.Kind() != types.FieldVal {
			return nil, nil
		}
		root, path := lvaluePath(info, e.X)
		if root == nil {
			return nil, nil
		}
		return root, append(path, e.Sel.Name)
	}
	return nil, nil
}

// enclosingBody returns the body of the outermost function declaration
// around cur, where the variables it may refer to are assigned; at package
// level, all files of the package.
func enclosingBody(cur inspector.Cursor) []ast.Node {
	var outer ast.Node
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		outer = fc.Node()
	}
	if outer != nil {
		return []ast.Node{outer}
	}
	var files []ast.Node
	for f := range cur.Inspector().Root().Children() {
		files = append(files, f.Node())
	}
	return files
}

// assignedValues returns the expressions assigned to obj in scope, by :=, =
// or var. A value from a multi-value call such as
// "req, err := http.NewRequestWithContext(...)" is the call itself.
func assignedValues(info *types.Info, scope []ast.Node, obj types.Object) []ast.Expr {
	if obj == nil {
		return nil
	}
	var out []ast.Expr
	add := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := astutil.Unparen(l).(*ast.Ident)
			if !ok || info.ObjectOf(id) != obj {
				continue
			}
			switch {
			case len(rhs) == len(lhs):
				out = append(out, rhs[i])
			case len(rhs) == 1:
				out = append(out, rhs[0])
			}
		}
	}
	for _, n := range scope {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				add(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				add(lhs, n.Values)
			}
			return true
		})
	}
	return out
}

// literalKeys maps the field names set in a keyed struct literal to their
// values.
func literalKeys(lit *ast.CompositeLit) map[string]ast.Expr {
	keys := make(map[string]ast.Expr, len(lit.Elts))
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				keys[id.Name] = kv.Value
			}
		}
	}
	return keys
}

// loopback reports whether the address expression e is a constant, or a
// concatenation starting with a constant, that names a loopback host:
// "localhost:6060", "127.0.0.1:"+port.
func loopback(info *types.Info, e ast.Expr) bool {
	for e != nil {
		e = astutil.Unparen(e)
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
			e = b.X
			continue
		}
		break
	}
	if e == nil {
		return false
	}
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	addr := constant.StringVal(tv.Value)
	for _, prefix := range []string{"localhost:", "127.", "[::1]:"} {
		if strings.HasPrefix(addr, prefix) {
			return true
		}
	}
	return false
}

// What a client's transport does about a peer that never answers.
type verdict int

const (
	unknown   verdict = iota // built elsewhere: its author may bound it
	unbounded                // the default transport, or one without ResponseHeaderTimeout
	bounded                  // sets ResponseHeaderTimeout
)

// transport judges the Transport expression e of a client literal (nil when
// absent). Only transports built in plain sight count as unbounded; one
// from a parameter, a field or another function is unknown, because whoever
// builds it may bound it, and a client that streams large bodies
// deliberately has no overall Timeout.
func (c *checker) transport(at inspector.Cursor, e ast.Expr, depth int) verdict {
	info := c.pass.TypesInfo
	if e == nil {
		return unbounded
	}
	if depth > 4 {
		return unknown
	}
	e = astutil.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.IsNil() {
		return unbounded
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = astutil.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		if !match.IsType(info.TypeOf(e), netHTTP, "Transport") {
			return unknown
		}
		if literalKeys(e)["ResponseHeaderTimeout"] != nil {
			return bounded
		}
		return unbounded
	case *ast.Ident, *ast.SelectorExpr:
		obj := match.ObjectOf(info, e)
		if match.Var(obj, netHTTP, "DefaultTransport") {
			return unbounded
		}
		v, ok := obj.(*types.Var)
		if !ok || v.IsField() || v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			return unknown // fields and package variables may be set anywhere
		}
		scope := enclosingBody(at)
		if c.fieldAssigned(scope, v, "ResponseHeaderTimeout") {
			return bounded
		}
		values := assignedValues(info, scope, v)
		if len(values) == 0 {
			return unknown // a parameter
		}
		result := unbounded
		for _, val := range values {
			switch c.transport(at, val, depth+1) {
			case bounded:
				return bounded
			case unknown:
				result = unknown
			}
		}
		return result
	}
	return unknown
}
