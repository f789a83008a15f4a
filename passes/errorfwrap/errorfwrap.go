package errorfwrap

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

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

// Analyzer computes a *Result and exports isWrapper facts.
var Analyzer = &analysis.Analyzer{
	Name:       "errorfwrap",
	Doc:        analyzerdoc.MustExtract(doc, "errorfwrap"),
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(isWrapper)},
}

// isWrapper is the fact that a function forwards its format and arguments
// to fmt.Errorf (directly or through another such function) and returns
// the error: a %w in its format wraps.
type isWrapper struct {
	Errorf bool // always true; gob needs an exported field
}

func (*isWrapper) AFact() {}

func (*isWrapper) String() string { return "errorfWrapper" }

// Result tells which functions are errorf wrappers. Its methods may be
// called after the pass ends.
type Result struct {
	pass           *analysis.Pass
	wrappers       map[*types.Func]bool // of this package
	importsWrapper bool
}

// IsWrapper reports whether fn is an errorf wrapper of this package or,
// by its fact, of another.
func (r *Result) IsWrapper(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if r.wrappers[fn] {
		return true
	}
	if fn.Pkg() == nil || fn.Pkg() == r.pass.Pkg {
		return false
	}
	var fact isWrapper
	return r.pass.ImportObjectFact(fn, &fact)
}

// ImportsWrapper reports whether a package that this package imports
// directly declares an errorf wrapper.
func (r *Result) ImportsWrapper() bool { return r.importsWrapper }

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, wrappers: map[*types.Func]bool{}}
	direct := map[*types.Package]bool{}
	for _, imp := range pass.Pkg.Imports() {
		direct[imp] = true
	}
	for _, f := range pass.AllObjectFacts() {
		if _, ok := f.Fact.(*isWrapper); ok && direct[f.Object.Pkg()] {
			r.importsWrapper = true
			break
		}
	}
	// Without fmt and without an imported wrapper, nothing can forward to
	// fmt.Errorf.
	if match.Imports(pass.Pkg, "fmt") || r.importsWrapper {
		r.findWrappers(pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root())
	}
	return r, nil
}

// findWrappers finds the functions of the package that forward their
// "format string, args ...any" parameters to fmt.Errorf or to another
// wrapper and return an error, and exports an isWrapper fact for each, the
// way the printf pass finds print wrappers.
func (r *Result) findWrappers(root inspector.Cursor) {
	info := r.pass.TypesInfo
	type candidate struct {
		fn      *types.Func
		callees []*types.Func // functions it forwards format and args to
	}
	var cands []*candidate
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, _ := info.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil {
			continue
		}
		format, args := formatArgsParams(fn.Signature())
		if format == nil || !returnsError(fn.Signature()) {
			continue
		}
		cand := &candidate{fn: fn}
		is := func(e ast.Expr, v *types.Var) bool {
			id, ok := astutil.Unparen(e).(*ast.Ident)
			return ok && info.Uses[id] == v
		}
	scan:
		for n := range cur.ChildAt(edge.FuncDecl_Body, -1).Preorder((*ast.AssignStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.CallExpr)(nil)) {
			switch n := n.Node().(type) {
			case *ast.AssignStmt: // a wrapper that rewrites its format is not a plain wrapper
				for _, lhs := range n.Lhs {
					if is(lhs, format) || is(lhs, args) {
						break scan
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND && (is(n.X, format) || is(n.X, args)) {
					break scan
				}
			case *ast.CallExpr:
				if k := len(n.Args); k >= 2 && n.Ellipsis.IsValid() && is(n.Args[k-1], args) && is(n.Args[k-2], format) {
					if callee := match.Callee(info, n); callee != nil {
						cand.callees = append(cand.callees, callee)
					}
				}
			}
		}
		if len(cand.callees) > 0 {
			cands = append(cands, cand)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, cand := range cands {
			if r.wrappers[cand.fn] {
				continue
			}
			for _, callee := range cand.callees {
				if match.Func(callee, "fmt", "Errorf") || r.IsWrapper(callee) {
					r.wrappers[cand.fn] = true
					changed = true
					break
				}
			}
		}
	}
	for fn := range r.wrappers {
		r.pass.ExportObjectFact(fn, &isWrapper{Errorf: true})
	}
}

// formatArgsParams returns the "format string" and "args ...any" last
// parameters of sig, or nils.
func formatArgsParams(sig *types.Signature) (format, args *types.Var) {
	params := sig.Params()
	n := params.Len()
	if !sig.Variadic() || n < 2 {
		return nil, nil
	}
	if params.At(n-2).Type() != types.Typ[types.String] {
		return nil, nil
	}
	slice, ok := params.At(n - 1).Type().(*types.Slice)
	if !ok {
		return nil, nil
	}
	if iface, ok := types.Unalias(slice.Elem()).(*types.Interface); !ok || !iface.Empty() {
		return nil, nil
	}
	return params.At(n - 2), params.At(n - 1)
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// returnsError reports whether a result of sig implements error (and is
// neither a type parameter nor a basic type).
func returnsError(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		switch types.Unalias(v.Type()).(type) {
		case *types.TypeParam, *types.Basic, *types.Tuple:
			continue
		}
		if types.Implements(v.Type(), errorIface) {
			return true
		}
	}
	return false
}
