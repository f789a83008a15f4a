// Package goroutines decides, once for the suite, which syntax starts a
// goroutine and what that goroutine runs: a go statement, and the calls of
// (*sync.WaitGroup).Go (Go 1.25) and of (*errgroup.Group).Go and TryGo
// (golang.org/x/sync/errgroup), matched by symbol so that renamed and dot
// imports, aliases, embedded fields and generic receivers all resolve.
//
// It holds no per-package state, so it is a package of functions rather
// than an analyzer.
package goroutines

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// ErrgroupPath is the import path of errgroup.
const ErrgroupPath = "golang.org/x/sync/errgroup"

// Kind says how a goroutine is started.
type Kind int

const (
	GoStmt        Kind = iota + 1 // go f(x)
	WaitGroupGo                   // wg.Go(f)
	ErrgroupGo                    // g.Go(f)
	ErrgroupTryGo                 // g.TryGo(f): may not start it
)

func (k Kind) String() string {
	switch k {
	case GoStmt:
		return "go"
	case WaitGroupGo:
		return "sync.WaitGroup.Go"
	case ErrgroupGo:
		return "errgroup.Group.Go"
	case ErrgroupTryGo:
		return "errgroup.Group.TryGo"
	}
	return "none"
}

// Start describes one goroutine start.
type Start struct {
	Kind Kind
	// Node is the *ast.GoStmt or the *ast.CallExpr of Go/TryGo.
	Node ast.Node
	// Call is the call that runs in the new goroutine for a go statement
	// (its arguments are evaluated by the starter), and the Go or TryGo
	// call itself otherwise.
	Call *ast.CallExpr
	// Fun is the function the goroutine runs: a *ast.FuncLit, or any
	// other function expression (an identifier, a method value).
	Fun ast.Expr
	// Lit is Fun when it is a function literal.
	Lit *ast.FuncLit
	// Callee is the function Fun names statically, if any (the generic
	// origin for instantiations).
	Callee *types.Func
	// Group is the receiver of Go or TryGo: the WaitGroup or Group.
	Group ast.Expr
}

// Of reports whether node (a *ast.GoStmt or a *ast.CallExpr) starts a
// goroutine, and how.
func Of(info *types.Info, node ast.Node) (Start, bool) {
	switch n := node.(type) {
	case *ast.GoStmt:
		if n.Call == nil {
			return Start{}, false
		}
		s := Start{Kind: GoStmt, Node: n, Call: n.Call, Fun: astutil.Unparen(n.Call.Fun)}
		s.Lit, _ = s.Fun.(*ast.FuncLit)
		if s.Lit == nil {
			s.Callee = match.Callee(info, n.Call)
		}
		return s, true
	case *ast.CallExpr:
		k := StarterKind(match.Callee(info, n))
		if k == 0 || len(n.Args) != 1 {
			return Start{}, false
		}
		s := Start{Kind: k, Node: n, Call: n, Fun: astutil.Unparen(n.Args[0])}
		if sel, ok := astutil.Unparen(n.Fun).(*ast.SelectorExpr); ok {
			s.Group = sel.X
		}
		s.Lit, _ = s.Fun.(*ast.FuncLit)
		if s.Lit == nil {
			s.Callee, _ = match.ObjectOf(info, s.Fun).(*types.Func)
			if s.Callee != nil {
				s.Callee = s.Callee.Origin()
			}
		}
		return s, true
	}
	return Start{}, false
}

// StarterKind returns the kind of goroutine start that a call of fn is,
// or 0 if it is none.
func StarterKind(fn *types.Func) Kind {
	switch {
	case fn == nil:
		return 0
	case match.Method(fn, "sync", "WaitGroup", "Go"):
		return WaitGroupGo
	case match.Method(fn, ErrgroupPath, "Group", "Go"):
		return ErrgroupGo
	case match.Method(fn, ErrgroupPath, "Group", "TryGo"):
		return ErrgroupTryGo
	}
	return 0
}

// OfLit reports whether the function literal at lit is what a goroutine
// runs: go func(){...}(), wg.Go(func(){...}), g.Go(func() error {...}).
func OfLit(info *types.Info, lit inspector.Cursor) (Start, bool) {
	cur := lit
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	p := cur.Parent()
	if !p.Valid() {
		return Start{}, false
	}
	if call, ok := p.Node().(*ast.CallExpr); ok {
		if cur.ParentEdgeKind() == edge.CallExpr_Fun {
			if gs, ok := p.Parent().Node().(*ast.GoStmt); ok && gs.Call == call {
				return Of(info, gs)
			}
			return Start{}, false
		}
		if s, ok := Of(info, call); ok && s.Lit == lit.Node() {
			return s, true
		}
	}
	return Start{}, false
}

// Imports reports whether pkg can start goroutines other than with go
// statements: it imports sync or errgroup.
func Imports(pkg *types.Package) bool {
	return match.Imports(pkg, "sync") || match.Imports(pkg, ErrgroupPath)
}
