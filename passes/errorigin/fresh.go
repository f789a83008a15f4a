package errorigin

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// freshFact lists the exported functions and methods of a package
// (match.FuncKey, sorted) whose every non-nil error result is made by
// fmt.Errorf, errors.New, errors.Join or github.com/pkg/errors: its dynamic
// type is one that no other package can name. One package fact rather
// than one a function: drivers copy every fact of every dependency into
// each package they analyze.
type freshFact struct{ Funcs []string }

func (*freshFact) AFact()           {}
func (f *freshFact) String() string { return "returnsFresh(" + strings.Join(f.Funcs, " ") + ")" }

var errorType = types.Universe.Lookup("error").Type()

// freshMakers are the functions whose non-nil results have an unexported
// type of their own package: *fmt.wrapError, *errors.errorString,
// *errors.joinError, pkg/errors' *fundamental and *withStack...
// multierr is not one: Append and Combine return a lone error as it is.
var freshMakers = map[string][]string{
	"fmt":                   {"Errorf"},
	"errors":                {"New", "Join"},
	"github.com/pkg/errors": {"New", "Errorf", "Wrap", "Wrapf", "WithStack", "WithMessage", "WithMessagef"},
}

// FreshPackage reports whether path is a package whose makers Fresh
// trusts: the only code that can name the types of their results.
func FreshPackage(path string) bool {
	_, ok := freshMakers[path]
	return ok
}

func isFreshMaker(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	for _, name := range freshMakers[fn.Pkg().Path()] {
		if match.Func(fn, fn.Pkg().Path(), name) {
			return true
		}
	}
	return false
}

// exportFresh computes which functions of the package return only fresh
// errors, and exports a fact for each.
func (r *Result) exportFresh() {
	r.fresh = map[*types.Func]bool{}
	r.noArguments = true
	defer func() { r.noArguments = false }()
	f := new(freshFact)
	for cur := range r.root.Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		fn, _ := r.pass.TypesInfo.Defs[fd.Name].(*types.Func)
		if fn == nil || fd.Body == nil || !fn.Exported() || !returnsError(fn) { // only exported ones can be called from elsewhere
			continue
		}
		if key := match.FuncKey(fn); key != "" && r.returnsFresh(fn, 0) {
			f.Funcs = append(f.Funcs, key)
		}
	}
	if len(f.Funcs) > 0 {
		slices.Sort(f.Funcs)
		r.pass.ExportPackageFact(f)
	}
}

func returnsError(fn *types.Func) bool {
	res := fn.Type().(*types.Signature).Results()
	for i := range res.Len() {
		if types.Identical(res.At(i).Type(), errorType) {
			return true
		}
	}
	return false
}

// Fresh reports whether every value that the error e may hold at cur is
// nil or made by fmt.Errorf, errors.New, errors.Join or pkg/errors, here or
// in the functions it comes from, and at least one is not nil. It returns
// the calls e comes from. A type assertion of such an error to a concrete
// type of another package can never succeed.
func (r *Result) Fresh(cur inspector.Cursor, e ast.Expr) ([]Site, bool) {
	r.freshMu.Lock()
	defer r.freshMu.Unlock()
	calls, complete := r.sources(cur, e, true, 0)
	if !complete || len(calls) == 0 {
		return nil, false
	}
	for _, s := range calls {
		if !r.freshCall(s.Call, 1) {
			return nil, false
		}
	}
	return calls, true
}

// freshCall reports whether every non-nil error that call returns is fresh.
func (r *Result) freshCall(call *ast.CallExpr, depth int) bool {
	fn := match.Callee(r.pass.TypesInfo, call)
	if fn == nil || match.InterfaceMethod(fn) {
		return false
	}
	if isFreshMaker(fn) {
		return true
	}
	fn = fn.Origin()
	if fn.Pkg() == r.pass.Pkg {
		return r.returnsFresh(fn, depth)
	}
	var f freshFact
	if fn.Pkg() == nil || !r.pass.ImportPackageFact(fn.Pkg(), &f) {
		return false
	}
	_, found := slices.BinarySearch(f.Funcs, match.FuncKey(fn))
	return found
}

// returnsFresh reports whether fn, declared in this package, returns at
// least one non-nil error and only fresh ones. Results are memoized; a
// function under evaluation (recursion) counts as not fresh.
func (r *Result) returnsFresh(fn *types.Func, depth int) bool {
	if got, ok := r.fresh[fn]; ok || depth > 4 {
		return got
	}
	r.fresh[fn] = false
	fnCur, ok := r.declOf(fn)
	if !ok {
		return false
	}
	isErr := func(t types.Type) bool { return types.Identical(t, errorType) }
	some := false
	ok = errorReturns(fnCur, fn.Type().(*types.Signature).Results(), isErr, func(rc inspector.Cursor, _ int, e ast.Expr, bare bool) bool {
		if bare || e == nil {
			return false // a bare return is not worth following
		}
		if IsNil(r.pass.TypesInfo, e) {
			return true
		}
		calls, complete := r.sources(rc, e, true, 0) // a call is its own source
		if !complete {
			return false
		}
		for _, s := range calls {
			if !r.freshCall(s.Call, depth+1) {
				return false
			}
			some = true
		}
		return true
	})
	some = some && ok
	r.fresh[fn] = some
	return some
}
