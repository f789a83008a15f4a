package errwrap

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
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
	"github.com/prodvet/prodvet/passes/errorfwrap"
	"github.com/prodvet/prodvet/passes/errorigin"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "errwrap"

// Categories of the diagnostics.
const (
	CategoryErrorfVerb    = "errorf-verb"
	CategoryErrorsNew     = "errors-new"
	CategoryMissingUnwrap = "missing-unwrap"
)

// Analyzer is the analyzer with default options, for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer whose options are its flags, so that two
// configurations never share state.
func New() *analysis.Analyzer {
	o := &options{causes: causesContext}
	a := &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer, errorfwrap.Analyzer, errorigin.Analyzer},
		Run:      o.run,
	}
	a.Flags.Var(&o.opaqueOK, "opaque-ok",
		"comma-separated package paths or functions (pkg/path.Func, pkg/path.Type.Method) where errors are formatted with %v on purpose, to hide the cause")
	a.Flags.BoolVar(&o.strict, "strict", false,
		"report every error printed with %v, %s or %q and every error type without Unwrap (errorlint's rule), not only causes that callers can test for")
	a.Flags.Var(&o.causes, "causes",
		"which lost causes are reported: context (ctx.Err(), context.Cause and context's sentinels) or tested (also sentinels, exported error types, tested standard-library calls and dependencies with error identities)")
	return a
}

type options struct {
	opaqueOK list
	strict   bool
	causes   causesFlag
}

// Values of -errwrap.causes.
const (
	causesContext = "context"
	causesTested  = "tested"
)

// causesFlag is the value of -errwrap.causes: context or tested.
type causesFlag string

func (f *causesFlag) String() string { return string(*f) }

func (f *causesFlag) Set(s string) error {
	switch s {
	case causesContext, causesTested:
		*f = causesFlag(s)
		return nil
	}
	return fmt.Errorf("invalid value %q: want %s or %s", s, causesContext, causesTested)
}

// contextHarm says why a lost context error matters.
const contextHarm = "callers cannot tell a deadline from a cancellation and errors.Is(err, context.DeadlineExceeded) is false, " +
	"which breaks their timeout and retry handling (answering 504, not logging cancellations as errors)"

// list is a comma-separated flag value.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

func (l *list) Set(s string) error {
	*l = nil
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			*l = append(*l, item)
		}
	}
	return nil
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

type checker struct {
	*options
	pass     *analysis.Pass
	root     inspector.Cursor
	rep      *report.Reporter
	file     *ast.File
	wrappers *errorfwrap.Result
	origin   *errorigin.Result
	decls    map[*types.Func]*ast.FuncDecl
	declCur  map[*types.Func]inspector.Cursor
	idents   map[*types.Package]string // error identities a package exports, for causeOf
	fields   map[*types.Var][]fieldSet // values stored in struct fields, for missing-unwrap
}

func (o *options) run(pass *analysis.Pass) (any, error) {
	c := &checker{options: o, pass: pass, rep: report.New(pass, report.SkipTests), wrappers: pass.ResultOf[errorfwrap.Analyzer].(*errorfwrap.Result),
		origin: pass.ResultOf[errorigin.Analyzer].(*errorigin.Result),
		decls:  map[*types.Func]*ast.FuncDecl{}, declCur: map[*types.Func]inspector.Cursor{}, idents: map[*types.Package]string{}}
	c.rep.HonorNolint("errorlint") // errorlint reports the same %v and string-building cases
	if !c.relevant() {
		return nil, nil
	}
	// Test support (fakes, stub servers, e2e harnesses) builds errors that
	// reach tests, not production callers.
	if !c.rep.CoversPackage() || c.packageOpaque() {
		return nil, nil
	}
	// A command prints its errors and exits: no errors.Is reads them.
	if !c.strict && pass.Pkg.Name() == "main" {
		return nil, nil
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c.root = root
	c.findDecls(root)
	for fileCur := range root.Children() {
		c.file = fileCur.Node().(*ast.File)
		// Tests build errors to feed the code under test; how they format
		// them reaches no caller in production.
		if !c.rep.Covers(c.file.FileStart) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil), (*ast.TypeSpec)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.CallExpr:
				c.checkCall(cur, n)
			case *ast.TypeSpec:
				c.checkType(n)
			}
		}
	}
	return nil, nil
}

// relevant is the fast path: a package that imports neither fmt nor errors,
// declares no error type and imports no errorf wrapper has nothing to
// report.
func (c *checker) relevant() bool {
	if match.Imports(c.pass.Pkg, "fmt") || match.Imports(c.pass.Pkg, "errors") {
		return true
	}
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok && !tn.IsAlias() &&
			types.Implements(types.NewPointer(tn.Type()), errorIface) {
			return true
		}
	}
	return c.wrappers.ImportsWrapper()
}

// findDecls records the function declarations of the package, for the
// Error methods of its error types.
func (c *checker) findDecls(root inspector.Cursor) {
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		if fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func); fn != nil {
			c.decls[fn] = decl
			c.declCur[fn] = cur
		}
	}
}

// isError reports whether values of type t are errors: t implements error
// and is neither a type parameter nor untyped nil.
func isError(t types.Type) bool {
	if t == nil {
		return false
	}
	switch types.Unalias(t).(type) {
	case *types.TypeParam, *types.Basic, *types.Tuple:
		return false
	}
	return types.Implements(t, errorIface)
}

// ---- calls ----

func (c *checker) checkCall(cur inspector.Cursor, call *ast.CallExpr) {
	fn := match.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return
	}
	switch {
	case match.Func(fn, "fmt", "Errorf"):
		c.checkFormat(cur, call, 0, "fmt.Errorf")
	case match.Func(fn, "errors", "New"):
		c.checkErrorsNew(cur, call)
	case c.wrappers.IsWrapper(fn):
		c.checkFormat(cur, call, fn.Signature().Params().Len()-2, fn.Name())
	}
}

// An errOperand is an operand of a format that carries an error: the error
// itself, or the text of one (err.Error()).
type errOperand struct {
	expr ast.Expr // the operand
	recv ast.Expr // for err.Error(): err; else nil
}

// errorOperand classifies an operand: an error value, or a call of the
// Error method of an error value. ok is false for anything else.
func (c *checker) errorOperand(e ast.Expr) (op errOperand, ok bool) {
	info := c.pass.TypesInfo
	if tv, has := info.Types[e]; has && tv.IsValue() && isError(tv.Type) {
		return errOperand{expr: e}, true
	}
	call, isCall := astutil.Unparen(e).(*ast.CallExpr)
	if !isCall || len(call.Args) != 0 {
		return op, false
	}
	sel, isSel := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel || sel.Sel.Name != "Error" {
		return op, false
	}
	s, isMethod := info.Selections[sel]
	if !isMethod || s.Kind() != types.MethodVal {
		return op, false
	}
	sig, _ := s.Type().(*types.Signature)
	if sig == nil || sig.Params().Len() != 0 || sig.Results().Len() != 1 || sig.Results().At(0).Type() != types.Typ[types.String] {
		return op, false
	}
	if !isError(info.TypeOf(sel.X)) {
		return op, false // Error on a pointer receiver called on an addressable value: not an error operand
	}
	return errOperand{expr: e, recv: sel.X}, true
}

type finding struct {
	d  directive
	op errOperand
}

// losing returns the directives of a parsed format that print an error
// operand without wrapping it, or nil when the format already wraps with
// %w: a call that wraps one error and prints another (a sentinel of the
// package wrapping the cause's text) chose what callers may match.
func (c *checker) losing(dirs []directive, operands []ast.Expr) []finding {
	var out []finding
	for _, d := range dirs {
		if d.verb == 'w' {
			return nil
		}
		switch {
		case d.verb == 'v' && d.sharp: // %#v: Go syntax, for debugging
			continue
		case d.verb == 'v', d.verb == 's', d.verb == 'q':
		default:
			continue // %T, %p, %d...: not the error's message
		}
		if op, ok := c.errorOperand(operands[d.arg]); ok {
			out = append(out, finding{d, op})
		}
	}
	return out
}

// checkFormat checks a call of fmt.Errorf or of an errorf wrapper whose
// format is argument number fmtIdx.
func (c *checker) checkFormat(cur inspector.Cursor, call *ast.CallExpr, fmtIdx int, name string) {
	info := c.pass.TypesInfo
	if call.Ellipsis.IsValid() || fmtIdx < 0 || len(call.Args) <= fmtIdx {
		return // forwarded args...: the operands are not visible
	}
	formatArg := call.Args[fmtIdx]
	tv, ok := info.Types[formatArg]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	format := constant.StringVal(tv.Value)
	if strings.Contains(format, "want") && strings.Contains(format, "<nil>") {
		return // "Call() = %v, want <nil>": a test harness's report
	}
	operands := call.Args[fmtIdx+1:]
	dirs, ok := parseFormat(format, len(operands))
	if !ok {
		return
	}
	found := c.losing(dirs, operands)
	if len(found) == 0 || c.onlyText(cur) || c.opaque(cur) || (!c.strict && !c.leaves(cur)) {
		return
	}
	var kept []finding
	var why cause // the first cause found among the kept findings
	for _, f := range found {
		if d := c.causeOf(cur, f.op.source(), 0); d.desc != "" || c.strict {
			kept = append(kept, f)
			if why.desc == "" {
				why = d
			}
		}
	}
	if len(kept) == 0 {
		return
	}
	lit, _ := astutil.Unparen(formatArg).(*ast.BasicLit)
	offsets := literalOffsets(lit)
	if len(offsets) != len(format)+1 {
		offsets = nil
	}
	// One finding per call, at the first lost directive; it names every
	// operand printed without %w.
	first := found[0]
	var rng analysis.Range = first.op.expr
	if offsets != nil {
		rng = report.Span{Start: offsets[first.d.start], Stop: offsets[first.d.end]}
	}
	it := "it"
	if len(found) > 1 {
		it = "them"
	}
	msg := fmt.Sprintf("%s formats %s instead of wrapping %s: the returned error hides %s from errors.Is and errors.As, ",
		name, describeLost(format, found), it, lost(why.desc))
	if why.context {
		msg += "so " + contextHarm + "; "
	} else {
		msg += fmt.Sprintf("so callers cannot recognise it %sto retry or answer correctly; ", example(why.desc))
	}
	if len(found) == 1 && found[0].op.recv != nil {
		msg += fmt.Sprintf("pass %s itself with %%w", short(found[0].op.recv))
	} else {
		msg += "use %w"
	}
	msg += " (or list this function in -errwrap.opaque-ok if the cause must stay hidden)"
	var fixes []analysis.SuggestedFix
	if offsets != nil && (len(kept) == 1 || goversion.AtLeast(info, c.file, goversion.MultipleErrorWraps)) {
		fixes = c.verbFix(kept, offsets)
	}
	c.rep.Report(rng, CategoryErrorfVerb, msg, fixes...)
}

// describeLost names the operands of found and their verbs: "the error err
// with %v", "the errors a and b with %v", "the errors a with %v and the text
// of b with %s".
func describeLost(format string, found []finding) string {
	name := func(f finding) string {
		if f.op.recv != nil {
			return "the text of " + short(f.op.recv)
		}
		return short(f.op.expr)
	}
	verb := func(f finding) string { return format[f.d.start:f.d.end] }
	if len(found) == 1 {
		f := found[0]
		if f.op.recv != nil {
			return fmt.Sprintf("the text of the error %s with %s", short(f.op.recv), verb(f))
		}
		return fmt.Sprintf("the error %s with %s", short(f.op.expr), verb(f))
	}
	same := true
	for _, f := range found {
		same = same && verb(f) == verb(found[0])
	}
	parts := make([]string, len(found))
	for i, f := range found {
		parts[i] = name(f)
		if !same {
			parts[i] += " with " + verb(f)
		}
	}
	s := "the errors " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	if same {
		s += " with " + verb(found[0])
	}
	return s
}

// source is the error an operand prints: err for err.Error().
func (op errOperand) source() ast.Expr {
	if op.recv != nil {
		return op.recv
	}
	return op.expr
}

// lost names what a finding hides: the cause found, or "the cause".
func lost(cause string) string {
	if cause == "" {
		return "the cause"
	}
	return cause
}

// example gives examples of causes when the cause is not known.
func example(cause string) string {
	if cause == "" {
		return "(a timeout, a not-found, a cancellation) "
	}
	return ""
}

// verbFix turns the verbs of found into %w, and err.Error() into err, as
// one fix. Verbs it cannot rewrite (%q, escape sequences) stay.
func (c *checker) verbFix(found []finding, offsets []token.Pos) []analysis.SuggestedFix {
	var edits []analysis.TextEdit
	msg := "Wrap the error with %w"
	if len(found) > 1 {
		msg = "Wrap the errors with %w"
	}
	for _, f := range found {
		if f.d.verb == 'q' {
			continue // %w would drop the quotes: not the same message
		}
		at, end := offsets[f.d.verbOffset], offsets[f.d.end]
		if end-at != 1 {
			continue // the verb is written as an escape sequence
		}
		edits = append(edits, analysis.TextEdit{Pos: at, End: end, NewText: []byte("w")})
		if f.op.recv != nil {
			call := astutil.Unparen(f.op.expr).(*ast.CallExpr)
			edits = append(edits, analysis.TextEdit{Pos: f.op.recv.End(), End: call.End()})
			if len(found) == 1 {
				msg = fmt.Sprintf("Wrap %s with %%w", short(f.op.recv))
			}
		}
	}
	if len(edits) == 0 {
		return nil
	}
	return []analysis.SuggestedFix{{Message: msg, TextEdits: edits}}
}

// checkErrorsNew reports errors.New(... + err.Error() ...) and
// errors.New(fmt.Sprintf("...%v...", err)).
func (c *checker) checkErrorsNew(cur inspector.Cursor, call *ast.CallExpr) {
	if len(call.Args) != 1 {
		return
	}
	info := c.pass.TypesInfo
	arg := astutil.Unparen(call.Args[0])
	var at analysis.Range
	var what string
	var src ast.Expr // the error whose text is copied
	switch a := arg.(type) {
	case *ast.BinaryExpr:
		if a.Op != token.ADD {
			return
		}
		var terms []ast.Expr
		var flatten func(e ast.Expr)
		flatten = func(e ast.Expr) {
			if b, ok := astutil.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
				flatten(b.X)
				flatten(b.Y)
				return
			}
			terms = append(terms, e)
		}
		flatten(a)
		for _, t := range terms {
			if op, ok := c.errorOperand(t); ok && op.recv != nil {
				at, what, src = t, short(op.recv), op.recv
				break
			}
		}
	case *ast.CallExpr:
		fn := match.Callee(info, a)
		switch {
		case match.Func(fn, "fmt", "Sprintf"):
			if a.Ellipsis.IsValid() || len(a.Args) < 1 {
				return
			}
			tv, ok := info.Types[a.Args[0]]
			if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
				return
			}
			format := constant.StringVal(tv.Value)
			dirs, ok := parseFormat(format, len(a.Args)-1)
			if !ok {
				return
			}
			found := c.losing(dirs, a.Args[1:])
			if len(found) == 0 {
				return
			}
			f := found[0]
			src = f.op.source()
			at, what = f.op.expr, short(src)
			lit, _ := astutil.Unparen(a.Args[0]).(*ast.BasicLit)
			if offsets := literalOffsets(lit); len(offsets) == len(format)+1 {
				at = report.Span{Start: offsets[f.d.start], Stop: offsets[f.d.end]}
			}
		case match.Func(fn, "fmt", "Sprint"), match.Func(fn, "fmt", "Sprintln"):
			if a.Ellipsis.IsValid() {
				return
			}
			for _, x := range a.Args {
				if op, ok := c.errorOperand(x); ok {
					src = op.source()
					at, what = x, short(src)
					break
				}
			}
		}
	}
	if at == nil || c.onlyText(cur) || c.opaque(cur) || (!c.strict && !c.leaves(cur)) {
		return
	}
	why := c.causeOf(cur, src, 0)
	if why.desc == "" && !c.strict {
		return
	}
	harm := fmt.Sprintf("callers cannot recognise it %sto retry or answer correctly", example(why.desc))
	if why.context {
		harm = contextHarm
	}
	c.rep.Report(at, CategoryErrorsNew, fmt.Sprintf(
		"errors.New builds a new error from the text of %s: %s is lost to errors.Is and errors.As, "+
			"so %s; wrap it instead, as in fmt.Errorf(\"...: %%w\", %s)", what, lost(why.desc), harm, what))
}

// onlyText reports whether the error built by the call at cur is used only
// for its text: err.Error() at once, or printed by fmt, log or panic. Such
// an error reaches no errors.Is.
func (c *checker) onlyText(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch kind, _ := cur.ParentEdge(); kind {
	case edge.SelectorExpr_X:
		sel := cur.Parent().Node().(*ast.SelectorExpr)
		return sel.Sel.Name == "Error"
	case edge.CallExpr_Args:
		call := cur.Parent().Node().(*ast.CallExpr)
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
				return true
			}
		}
		fn := match.Callee(c.pass.TypesInfo, call)
		if fn == nil || fn.Pkg() == nil {
			return false
		}
		switch fn.Pkg().Path() {
		case "fmt":
			return strings.Contains(fn.Name(), "print") || strings.Contains(fn.Name(), "Print")
		case "log":
			return true
		}
	}
	return false
}

// opaque reports whether the call at cur lies in a function listed in
// -errwrap.opaque-ok.
func (c *checker) opaque(cur inspector.Cursor) bool {
	if len(c.opaqueOK) == 0 {
		return false
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl := fc.Node().(*ast.FuncDecl)
		name := c.pass.Pkg.Path() + "."
		if decl.Recv != nil && len(decl.Recv.List) == 1 {
			t := c.pass.TypesInfo.TypeOf(decl.Recv.List[0].Type)
			if p, ok := types.Unalias(t).(*types.Pointer); ok {
				t = p.Elem()
			}
			n, ok := types.Unalias(t).(*types.Named)
			if !ok {
				return false
			}
			name += n.Obj().Name() + "."
		}
		return slices.Contains(c.opaqueOK, name+decl.Name.Name)
	}
	return false
}

// packageOpaque reports whether the whole package is listed in
// -errwrap.opaque-ok.
func (c *checker) packageOpaque() bool {
	path := c.pass.Pkg.Path()
	return slices.Contains(c.opaqueOK, path) || slices.Contains(c.opaqueOK, strings.TrimSuffix(path, "_test"))
}

// short renders e as source, shortened for messages.
func short(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}
