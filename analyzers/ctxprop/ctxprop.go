package ctxprop

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/ctxroots"
	"github.com/prodvet/prodvet/passes/ctxscope"
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

// New returns a fresh analyzer whose options are its flags, so that two
// configurations never share state.
func New() *analysis.Analyzer {
	o := &options{}
	a := &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer, ctxroots.Analyzer},
		Run:      o.run,
	}
	a.Flags.BoolVar(&o.log, "log", false,
		"also report log calls without the context (slog.Info where InfoContext exists) and new root contexts handed to a logger")
	return a
}

type options struct {
	// log turns on the logging rule. Off by default: on a blind run none of
	// its findings was wanted, as most handlers ignore the context.
	log bool
}

type checker struct {
	*options
	pass  *analysis.Pass
	info  *types.Info
	rep   *report.Reporter
	file  *ast.File
	scope *ctxscope.Result // the context in scope, honorsCtx and deprecated facts
	roots *ctxroots.Result // uses of new root contexts, startsRoot facts

	siblings map[sibKey]*types.Func // memo of the sibling lookup
	root     inspector.Cursor       // the package, for uses of stored values
	stored   map[*types.Var]bool    // memo of storedGetsContext
}

func (o *options) run(pass *analysis.Pass) (any, error) {
	// Fast path: a context in scope needs a context.Context or an
	// *http.Request parameter, which names the type.
	if !match.Imports(pass.Pkg, "context") && !match.Imports(pass.Pkg, "net/http") {
		return nil, nil
	}
	c := &checker{
		options:  o,
		pass:     pass,
		info:     pass.TypesInfo,
		scope:    pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result),
		roots:    pass.ResultOf[ctxroots.Analyzer].(*ctxroots.Result),
		siblings: map[sibKey]*types.Func{},
		stored:   map[*types.Var]bool{},
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c.root = root
	// Tests and test support (fakes, stub servers) serve no request.
	c.rep = report.New(pass, report.SkipTests)
	if !c.rep.CoversPackage() {
		return nil, nil
	}
	c.rep.HonorNolint("contextcheck", "noctx") // they report the same missing contexts
	for fileCur := range root.Children() {
		c.file = fileCur.Node().(*ast.File)
		if !c.rep.Covers(c.file.FileStart) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil)) {
			c.checkCall(cur, cur.Node().(*ast.CallExpr))
		}
	}
	return nil, nil
}

func (c *checker) checkCall(cur inspector.Cursor, call *ast.CallExpr) {
	if name, ok := ctxscope.IsRootCall(c.info, call); ok {
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
	if c.checkStdVariant(cur, call, fn) {
		return
	}
	c.checkRootCallee(cur, call, fn)
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
