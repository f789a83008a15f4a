package readcontract

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
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "readcontract"

// Categories of the diagnostics.
const (
	// CategoryDroppedData: n, err := r.Read(buf) followed by an error
	// check that leaves before the n bytes are used.
	CategoryDroppedData = "dropped-data"
	// CategoryShortRead: the count of Read is discarded but buf is used.
	CategoryShortRead = "short-read"
)

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
	a.Flags.BoolVar(&o.dropped, "dropped", false,
		"also report bytes returned together with an error and dropped by an error check that leaves first (dropped-data)")
	return a
}

type options struct {
	dropped bool
}

type checker struct {
	pass     *analysis.Pass
	dropped  bool // report dropped data (-dropped)
	info     *types.Info
	rep      *report.Reporter
	root     *inspector.Cursor  // the inspector's root, for local declarations
	fileCurs []inspector.Cursor // its children, built on first use
}

func (o *options) run(pass *analysis.Pass) (any, error) {
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	// Tests and test support (fakes, harnesses, test vectors) read from
	// readers the test controls; what they do reaches no production caller.
	rep := report.New(pass, report.SkipTests)
	if !rep.CoversPackage() {
		return nil, nil
	}
	var c *checker // created on the first candidate: most packages have none
	for cur := range root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		// Fast path: a method is always called through a selector that
		// spells its name; the decision itself is made on types below.
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Read" {
			continue
		}
		if !rep.Covers(call.Pos()) {
			continue
		}
		if c == nil {
			c = &checker{pass: pass, dropped: o.dropped, info: pass.TypesInfo, rep: rep, root: &root}
		}
		c.check(cur, call, sel)
	}
	return nil, nil
}

// readCall describes a call of a Read method with io.Reader's signature.
type readCall struct {
	call     *ast.CallExpr
	recv     ast.Expr // the reader
	buf      ast.Expr // the destination
	method   *types.Func
	methodOK bool // called as recv.Read(buf), not as a method expression
}

func (c *checker) check(cur inspector.Cursor, call *ast.CallExpr, sel *ast.SelectorExpr) {
	rc, ok := c.readCall(call, sel)
	if !ok {
		return
	}
	kind := knownReaderOf(c.info, rc)
	if kind.fillsFully {
		return
	}
	ctx, ok := c.context(cur)
	if !ok {
		return
	}
	switch {
	case ctx.n == nil:
		c.checkShortRead(rc, ctx)
	case c.dropped && !kind.noDataWithError && ctx.err != nil:
		c.checkDroppedData(rc, ctx)
	}
}

// readSig is the signature of io.Reader's Read method, without receiver.
var readSig = types.NewSignatureType(nil, nil, nil,
	types.NewTuple(types.NewParam(token.NoPos, nil, "p", types.NewSlice(types.Typ[types.Byte]))),
	types.NewTuple(
		types.NewParam(token.NoPos, nil, "n", types.Typ[types.Int]),
		types.NewParam(token.NoPos, nil, "err", types.Universe.Lookup("error").Type())),
	false)

// ioReader is the io.Reader interface, built structurally so that packages
// that do not import io can be checked too.
var ioReader = types.NewInterfaceType([]*types.Func{types.NewFunc(token.NoPos, nil, "Read", readSig)}, nil).Complete()

// readCall recognises calls of a method named Read whose signature is
// io.Reader's: r.Read(buf) or the method expression T.Read(r, buf).
func (c *checker) readCall(call *ast.CallExpr, sel *ast.SelectorExpr) (readCall, bool) {
	selection := c.info.Selections[sel]
	if selection == nil {
		return readCall{}, false // a package-level function such as crypto/rand.Read
	}
	fn, ok := selection.Obj().(*types.Func)
	if !ok || fn == nil {
		return readCall{}, false
	}
	sig, ok := selection.Type().(*types.Signature)
	if !ok || sig == nil {
		return readCall{}, false
	}
	rc := readCall{call: call, method: fn}
	switch selection.Kind() {
	case types.MethodVal:
		if len(call.Args) != 1 || !types.Identical(sig, readSig) {
			return readCall{}, false
		}
		rc.recv, rc.buf, rc.methodOK = sel.X, call.Args[0], true
	case types.MethodExpr:
		// T.Read has the receiver as first parameter.
		params := sig.Params()
		if len(call.Args) != 2 || params.Len() != 2 || sig.Variadic() {
			return readCall{}, false
		}
		fnSig := types.NewSignatureType(nil, nil, nil, types.NewTuple(params.At(1)), sig.Results(), false)
		if !types.Identical(fnSig, readSig) {
			return readCall{}, false
		}
		rc.recv, rc.buf = call.Args[0], call.Args[1]
	default:
		return readCall{}, false
	}
	if call.Ellipsis.IsValid() {
		return readCall{}, false
	}
	// Type errors: a destination that is not a byte slice.
	if t := c.info.TypeOf(rc.buf); t == nil || !types.Identical(t.Underlying(), readSig.Params().At(0).Type()) {
		return readCall{}, false
	}
	return rc, true
}

// readContext is where the results of a Read call go.
type readContext struct {
	stmt ast.Stmt // the statement holding the call
	// n and err are the variables receiving the results; n is nil when
	// the count is discarded (blank or expression statement), err is nil
	// when the error is discarded or not a plain variable.
	n, err *types.Var
	// first is the if statement whose init is stmt, if any: it runs first.
	first *ast.IfStmt
	// rest are the statements that follow on the same path: the
	// statements after stmt (or after first) in the same block.
	rest []ast.Stmt
	// region is the part of the function where stmt and rest lie.
	region [2]token.Pos
	// fn is the body of the function holding the call.
	fn *ast.BlockStmt
	// results are the result variables of that function.
	results *types.Tuple
}

// context finds the statement that holds the Read call at cur and the
// statements that follow it.
func (c *checker) context(cur inspector.Cursor) (readContext, bool) {
	var ctx readContext
	var lhs []ast.Expr
	stmtCur := cur.Parent()
	switch cur.ParentEdgeKind() {
	case edge.ExprStmt_X:
		ctx.stmt = stmtCur.Node().(*ast.ExprStmt)
	case edge.AssignStmt_Rhs:
		as := stmtCur.Node().(*ast.AssignStmt)
		if len(as.Lhs) != 2 || len(as.Rhs) != 1 || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
			return ctx, false
		}
		ctx.stmt, lhs = as, as.Lhs
	case edge.ValueSpec_Values:
		vs := stmtCur.Node().(*ast.ValueSpec)
		if len(vs.Names) != 2 || len(vs.Values) != 1 || stmtCur.ParentEdgeKind() != edge.GenDecl_Specs {
			return ctx, false
		}
		gd := stmtCur.Parent().Node().(*ast.GenDecl)
		if len(gd.Specs) != 1 || stmtCur.Parent().ParentEdgeKind() != edge.DeclStmt_Decl {
			return ctx, false
		}
		stmtCur = stmtCur.Parent().Parent()
		ctx.stmt = stmtCur.Node().(*ast.DeclStmt)
		lhs = []ast.Expr{vs.Names[0], vs.Names[1]}
	default:
		return ctx, false
	}
	if lhs != nil {
		var ok bool
		if ctx.n, ok = c.variable(lhs[0]); !ok {
			return ctx, false // a field or an element: followed elsewhere
		}
		ctx.err, _ = c.variable(lhs[1])
	}

	// The statements that follow on the same path.
	listCur := stmtCur
	if stmtCur.ParentEdgeKind() == edge.IfStmt_Init {
		listCur = stmtCur.Parent()
		ctx.first = listCur.Node().(*ast.IfStmt)
	}
	switch listCur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		for s, ok := listCur.NextSibling(); ok; s, ok = s.NextSibling() {
			if st, ok := s.Node().(ast.Stmt); ok {
				ctx.rest = append(ctx.rest, st)
			}
		}
		ctx.region = [2]token.Pos{listCur.Node().Pos(), listCur.Parent().Node().End()}
	default:
		if ctx.first == nil {
			return ctx, false
		}
		ctx.region = [2]token.Pos{listCur.Node().Pos(), listCur.Node().End()}
	}

	// The enclosing function.
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch f := p.Node().(type) {
		case *ast.FuncDecl:
			ctx.fn = f.Body
			if obj, ok := c.info.Defs[f.Name].(*types.Func); ok && obj != nil {
				if sig, ok := obj.Type().(*types.Signature); ok {
					ctx.results = sig.Results()
				}
			}
		case *ast.FuncLit:
			ctx.fn = f.Body
			if sig, ok := c.info.TypeOf(f).(*types.Signature); ok {
				ctx.results = sig.Results()
			}
		}
		break
	}
	if ctx.fn == nil {
		return ctx, false
	}
	return ctx, true
}

// variable returns the variable that e denotes when it is a non-blank
// identifier; nil and true for the blank identifier; false otherwise.
func (c *checker) variable(e ast.Expr) (*types.Var, bool) {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return nil, false
	}
	if id.Name == "_" {
		return nil, true
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok || v == nil {
		return nil, false
	}
	return v, true
}

// uses reports whether the subtree n refers to v.
func (c *checker) uses(n ast.Node, v *types.Var) bool {
	if n == nil || v == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// exprText renders e for a message, or def when it is long or complex.
func exprText(e ast.Expr, def string) string {
	switch astutil.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.SliceExpr, *ast.IndexExpr, *ast.StarExpr, *ast.CallExpr:
		if s := types.ExprString(e); len(s) <= 30 {
			return s
		}
	}
	return def
}

// ---- dropped data: n, err := r.Read(buf); if err != nil { return } ----

func (c *checker) checkDroppedData(rc readCall, ctx readContext) {
	stmts := ctx.rest
	if ctx.first != nil {
		stmts = append([]ast.Stmt{ctx.first}, stmts...)
	}
	for i, s := range stmts {
		if c.assigns(s, ctx.n) || c.assigns(s, ctx.err) {
			return // the results are replaced: we no longer know
		}
		ifs, ok := s.(*ast.IfStmt)
		if !ok {
			if c.uses(s, ctx.n) || leaves(s) {
				return // n is used first, or the path ends here
			}
			if _, labelled := s.(*ast.LabeledStmt); labelled {
				return // a goto target: another path joins here
			}
			continue
		}
		if (i > 0 || ctx.first == nil) && ifs.Init != nil && (c.uses(ifs.Init, ctx.n) || c.uses(ifs.Init, ctx.err)) {
			return
		}
		if c.uses(ifs.Cond, ctx.n) {
			return // if n > 0 { ... }, if n == 0 && err != nil, ...
		}
		errBranch, ok := c.eofBranch(ifs, ctx.err)
		if !ok {
			// Not a check that io.EOF takes (err != nil && err != io.EOF
			// leaves only on real failures) or unrelated: go on unless n
			// is used in it.
			if c.uses(ifs, ctx.n) {
				return
			}
			continue
		}
		if c.uses(errBranch, ctx.n) {
			return // the bytes are handled in the error branch
		}
		exit := c.eofExit(errBranch, ctx.err)
		if exit == nil {
			// The error branch goes on: look further, unless the other
			// branch uses n.
			if c.uses(ifs, ctx.n) {
				return
			}
			continue
		}
		if c.nOutlives(ctx, exit) {
			return
		}
		c.reportDropped(rc, ctx, exit)
		return
	}
}

// assigns reports whether s is an assignment or declaration that gives v
// a new value (at its top level).
func (c *checker) assigns(s ast.Stmt, v *types.Var) bool {
	if v == nil {
		return false
	}
	switch s := s.(type) {
	case *ast.AssignStmt:
		for _, l := range s.Lhs {
			if id, ok := astutil.Unparen(l).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
				return true
			}
		}
	case *ast.IncDecStmt:
		if id, ok := astutil.Unparen(s.X).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
			return true
		}
	}
	return false
}

// leaves reports whether s ends the path: return, branch, panic.
func leaves(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := astutil.Unparen(s.X).(*ast.CallExpr); ok {
			if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}

// eofBranch returns the branch of ifs that runs when err is io.EOF, if
// the condition is a plain test of err that io.EOF passes: err != nil,
// err == io.EOF, errors.Is(err, io.EOF), such a test || anything, or
// err == nil (whose else branch is the error branch).
func (c *checker) eofBranch(ifs *ast.IfStmt, err *types.Var) (*ast.BlockStmt, bool) {
	if err == nil {
		return nil, false
	}
	switch c.eofTest(ifs.Cond, err) {
	case testThen:
		return ifs.Body, true
	case testElse:
		if els, ok := ifs.Else.(*ast.BlockStmt); ok {
			return els, true
		}
	}
	return nil, false
}

type test int

const (
	testOther test = iota
	testThen       // true when err is io.EOF
	testElse       // false when err is io.EOF (err == nil)
)

func (c *checker) eofTest(cond ast.Expr, err *types.Var) test {
	switch e := astutil.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LOR:
			if c.eofTest(e.X, err) == testThen || c.eofTest(e.Y, err) == testThen {
				return testThen
			}
		case token.NEQ, token.EQL:
			x, y := e.X, e.Y
			if !c.isVar(x, err) {
				x, y = y, x
			}
			if !c.isVar(x, err) {
				return testOther
			}
			switch {
			case c.isNil(y) && e.Op == token.NEQ:
				return testThen
			case c.isNil(y) && e.Op == token.EQL:
				return testElse
			case c.isEOF(y) && e.Op == token.EQL:
				return testThen
			}
		}
	case *ast.CallExpr:
		// errors.Is(err, io.EOF)
		if len(e.Args) == 2 && match.Func(match.Callee(c.info, e), "errors", "Is") &&
			c.isVar(e.Args[0], err) && c.isEOF(e.Args[1]) {
			return testThen
		}
	}
	return testOther
}

func (c *checker) isVar(e ast.Expr, v *types.Var) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	return ok && c.info.Uses[id] == v
}

func (c *checker) isNil(e ast.Expr) bool {
	tv, ok := c.info.Types[astutil.Unparen(e)]
	return ok && tv.IsNil()
}

func (c *checker) isEOF(e ast.Expr) bool {
	return match.Var(match.ObjectOf(c.info, e), "io", "EOF")
}

// lastExit returns the last statement of b when it leaves the path with
// return, break, continue or goto.
func lastExit(b *ast.BlockStmt) ast.Stmt {
	if b == nil || len(b.List) == 0 {
		return nil
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return s
	case *ast.BranchStmt:
		if s.Tok != token.FALLTHROUGH {
			return s
		}
	}
	return nil
}

// eofExit returns the statement by which io.EOF leaves the error branch
// b: the exit of a nested if err == io.EOF { ...; break } when there is
// one, else the last statement of b when it is an exit.
func (c *checker) eofExit(b *ast.BlockStmt, err *types.Var) ast.Stmt {
	last := lastExit(b)
	if last == nil {
		return nil
	}
	for _, s := range b.List[:len(b.List)-1] {
		if ifs, ok := s.(*ast.IfStmt); ok && ifs.Init == nil && c.eofTest(ifs.Cond, err) == testThen {
			if e := lastExit(ifs.Body); e != nil {
				return e
			}
		}
	}
	return last
}

// nOutlives reports whether the value of n may still be used after exit
// leaves the path: returned by a bare return as a named result, or read
// after a break, continue or goto because it is used outside the
// statements that follow the Read.
func (c *checker) nOutlives(ctx readContext, exit ast.Stmt) bool {
	if ret, ok := exit.(*ast.ReturnStmt); ok {
		if ctx.results != nil {
			for v := range ctx.results.Variables() {
				if v == ctx.n {
					// A named result: a bare return hands it over.
					return len(ret.Results) == 0
				}
			}
		}
		// n declared outside the function (literal): others read it.
		return !(ctx.fn.Pos() <= ctx.n.Pos() && ctx.n.Pos() < ctx.fn.End())
	}
	if !(ctx.fn.Pos() <= ctx.n.Pos() && ctx.n.Pos() < ctx.fn.End()) {
		return true
	}
	outside := false
	ast.Inspect(ctx.fn, func(n ast.Node) bool {
		if outside {
			return false
		}
		if as, ok := n.(*ast.AssignStmt); ok && (as.Tok == token.ASSIGN || as.Tok == token.DEFINE) {
			// Plain writes to n are not uses.
			for _, r := range as.Rhs {
				ast.Inspect(r, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && c.info.Uses[id] == ctx.n && !inRegion(ctx, id.Pos()) {
						outside = true
					}
					return !outside
				})
			}
			for _, l := range as.Lhs {
				if _, ok := astutil.Unparen(l).(*ast.Ident); !ok {
					ast.Inspect(l, func(m ast.Node) bool {
						if id, ok := m.(*ast.Ident); ok && c.info.Uses[id] == ctx.n && !inRegion(ctx, id.Pos()) {
							outside = true
						}
						return !outside
					})
				}
			}
			return false
		}
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == ctx.n && !inRegion(ctx, id.Pos()) {
			outside = true
		}
		return !outside
	})
	return outside
}

func inRegion(ctx readContext, pos token.Pos) bool {
	return ctx.region[0] <= pos && pos < ctx.region[1]
}

func (c *checker) reportDropped(rc readCall, ctx readContext, exit ast.Stmt) {
	what := "return"
	if br, ok := exit.(*ast.BranchStmt); ok {
		what = br.Tok.String()
	}
	n, err := ctx.n.Name(), ctx.err.Name()
	bufN := "the first " + n + " bytes of the buffer"
	if b := exprText(rc.buf, ""); b != "" {
		switch astutil.Unparen(rc.buf).(type) {
		case *ast.SliceExpr:
			// buf[off:]: the first n bytes of it, not buf[off:][:n].
		case *ast.StarExpr:
			bufN = "(" + b + ")[:" + n + "]"
		default:
			bufN = b + "[:" + n + "]"
		}
	}
	msg := fmt.Sprintf("Read returned %s bytes together with %s, but this %s drops them: "+
		"Read may return %s > 0 with io.EOF or another error, so the last chunk of the stream is lost; "+
		"process %s before checking %s", n, err, what, n, bufN, err)
	c.rep.ReportDiagnostic(analysis.Diagnostic{
		Pos:      exit.Pos(),
		End:      exit.End(),
		Category: CategoryDroppedData,
		Message:  msg,
		Related:  []analysis.RelatedInformation{{Pos: rc.call.Pos(), End: rc.call.End(), Message: "the Read call"}},
	})
}
