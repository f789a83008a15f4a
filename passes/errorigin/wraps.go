package errorigin

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"sort"
	"strings"

	"github.com/prodvet/prodvet/internal/match"
)

// wrapsFact lists the package's own sentinels that it passes to a function
// that wraps errors. Packages that wrap none of their sentinels export no
// fact: every dependency is analyzed, so absence means "wraps none".
type wrapsFact struct{ Names []string }

func (*wrapsFact) AFact()           {}
func (f *wrapsFact) String() string { return "wraps(" + strings.Join(f.Names, ", ") + ")" }

// collectWrapped records, in one walk over the package's calls, the
// package's own sentinels and the error types that it passes to a
// function that wraps errors. It runs on every package, dependencies
// included (their fact), so it skips packages that import no wrapper.
func (r *Result) collectWrapped() {
	r.wrapped = map[*types.Var]bool{}
	r.ownErrs = map[*types.TypeName]bool{}
	if !slices.ContainsFunc(wrapperPackages, func(path string) bool { return match.Imports(r.pass.Pkg, path) }) {
		return
	}
	for cur := range r.root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !r.WrapsArgs(call) {
			continue
		}
		for _, arg := range call.Args {
			if s := r.Sentinel(arg); s != nil && s.Pkg() == r.pass.Pkg {
				r.wrapped[s] = true
			}
			t := r.pass.TypesInfo.TypeOf(arg)
			if p, ok := types.Unalias(t).(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := types.Unalias(t).(*types.Named); ok {
				r.ownErrs[n.Origin().Obj()] = true
			} else if types.IsInterface(t) {
				// An error of unknown type is wrapped: it may be one of ours.
				r.ownErrs[nil] = true
			}
		}
	}
}

// wrapperPackages are the packages whose functions WrapsArgs recognizes.
var wrapperPackages = []string{"fmt", "errors", "github.com/pkg/errors", "go.uber.org/multierr"}

// exportWraps records which of this package's sentinels it wraps, for the
// packages that compare errors coming from its functions.
func (r *Result) exportWraps() {
	f := new(wrapsFact)
	for v := range r.wrapped {
		f.Names = append(f.Names, v.Name())
	}
	if len(f.Names) > 0 {
		sort.Strings(f.Names)
		r.pass.ExportPackageFact(f)
	}
}

// SentinelWrapped reports whether the package that declares the sentinel
// v passes it to a function that wraps errors: this package by its own
// calls, another by its fact.
func (r *Result) SentinelWrapped(v *types.Var) bool {
	if v.Pkg() == r.pass.Pkg {
		return r.wrapped[v]
	}
	var fact wrapsFact
	return v.Pkg() != nil && r.pass.ImportPackageFact(v.Pkg(), &fact) && slices.Contains(fact.Names, v.Name())
}

// TypeWrapped reports whether this package passes values of its error
// type tn (or *tn), or errors of an interface type, to a function that
// wraps errors. Types of other packages are not recorded.
func (r *Result) TypeWrapped(tn *types.TypeName) bool {
	return r.ownErrs[tn] || r.ownErrs[nil]
}

// WrapsArgs reports whether call may wrap its error arguments.
func (r *Result) WrapsArgs(call *ast.CallExpr) bool {
	fn := match.Callee(r.pass.TypesInfo, call)
	switch {
	case match.Func(fn, "fmt", "Errorf"):
		if len(call.Args) == 0 {
			return false
		}
		tv := r.pass.TypesInfo.Types[call.Args[0]]
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
