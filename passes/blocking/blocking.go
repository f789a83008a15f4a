// Package blocking decides which functions may block: wait for another
// goroutine or an outside event before they return (a channel receive, a
// WaitGroup's Wait, a server loop, or a call of a function that does). It
// exports a fact for each exported function that may, so that callers in
// other packages see it, and offers the same answers for code of the
// package through its Result. It also holds the select helpers that rules
// share (HasDefault, CommOperands).
//
// Facts cost work on every dependency; the rules that need them require
// this pass instead of declaring the fact, so only this pass runs there.
package blocking

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
)

// Analyzer exports a *Fact for each exported function that may block and
// computes a *Result; it reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:             "blocking",
	Doc:              "blocking: find the functions that may block",
	Run:              run,
	ResultType:       reflect.TypeFor[*Result](),
	FactTypes:        []analysis.Fact{new(Fact)},
	RunDespiteErrors: true,
}

// Fact is the fact that a function may wait for another goroutine or an
// outside event before it returns: it receives from a channel, waits on a
// WaitGroup, serves connections, or calls a function that does.
type Fact struct {
	Blocks bool // always true; gob needs an exported field
}

func (*Fact) AFact() {}

func (*Fact) String() string { return "mayBlock" }

func run(pass *analysis.Pass) (any, error) {
	r := &Result{
		pass:   pass,
		decls:  map[*types.Func]*ast.FuncDecl{},
		blocks: map[*types.Func]bool{},
	}
	r.computeFacts()
	return r, nil
}

// blockingMethods are method names that are taken to wait, on any type
// (interfaces included): Wait of sync.WaitGroup, sync.Cond, errgroup.Group
// and exec.Cmd; the blocking server loops of net/http, gRPC, gin and
// friends; the Execute of command frameworks, which runs the command.
var blockingMethods = map[string]bool{
	"Wait":              true,
	"Serve":             true,
	"ServeTLS":          true,
	"ListenAndServe":    true,
	"ListenAndServeTLS": true,
	"Run":               true,
	"RunTLS":            true,
	"RunContext":        true,
	"Execute":           true,
	"ExecuteC":          true,
	"ExecuteContext":    true,
	"ExecuteContextC":   true,
}

// blockingFuncs are package-level function names taken to block: the
// serving loops of net/http, net/http/fcgi and similar packages.
var blockingFuncs = map[string]bool{
	"Serve":             true,
	"ServeTLS":          true,
	"ListenAndServe":    true,
	"ListenAndServeTLS": true,
}

// Result decides whether code may wait. It knows the functions of the
// package analysed and keeps the pass to import the facts of the others.
type Result struct {
	pass   *analysis.Pass
	decls  map[*types.Func]*ast.FuncDecl
	blocks map[*types.Func]bool // functions of this package that may block
	// calls, when non-nil, collects the calls of functions of this
	// package met by walk, for the fixpoint.
	calls *[]*types.Func
}

// Decl returns the declaration of fn if fn is declared in the package.
func (b *Result) Decl(fn *types.Func) *ast.FuncDecl { return b.decls[fn] }

// computeFacts finds the functions of the package that may block and
// exports a fact for each, so that callers in other packages see them.
func (b *Result) computeFacts() {
	// The runtime waits for its own workers (a garbage collection started
	// by an allocation, say): not what a program's goroutines wait for.
	// Left in, it would make every function that allocates "wait".
	if path := b.pass.Pkg.Path(); path == "runtime" || strings.HasPrefix(path, "runtime/") {
		return
	}
	for _, f := range b.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name == nil {
				continue
			}
			if fn, _ := b.pass.TypesInfo.Defs[fd.Name].(*types.Func); fn != nil {
				b.decls[fn] = fd
			}
		}
	}
	// Direct waits, and the call graph inside the package.
	callers := map[*types.Func][]*types.Func{}
	var work []*types.Func
	for fn, fd := range b.decls {
		if fd.Body == nil {
			continue
		}
		var calls []*types.Func
		b.calls = &calls
		direct := b.Walk(fd.Body)
		b.calls = nil
		if direct {
			b.blocks[fn] = true
			work = append(work, fn)
		}
		for _, callee := range calls {
			callers[callee] = append(callers[callee], fn)
		}
	}
	// Propagate to callers until nothing changes.
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, caller := range callers[fn] {
			if !b.blocks[caller] {
				b.blocks[caller] = true
				work = append(work, caller)
			}
		}
	}
	// Only exported functions can be called from other packages (a fact
	// on an unexported method would serve only interface calls, which
	// are not followed); functions of _test.go files are not importable.
	for fn := range b.blocks {
		if fn.Exported() && !report.InTestFile(b.pass.Fset, fn.Pos()) {
			b.pass.ExportObjectFact(fn, &Fact{Blocks: true})
		}
	}
}

// Walk reports whether the code of n may wait. Function literals are not
// entered unless they are called on the spot (or deferred): a literal
// started with go, or handed to another function, may run at another time.
// Statements started with go are skipped whole.
func (b *Result) Walk(n ast.Node) bool {
	if n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.BadExpr, *ast.BadStmt:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = true
				return false
			}
		case *ast.SelectStmt:
			if n.Body == nil || len(n.Body.List) == 0 {
				found = true // select {} blocks forever
				return false
			}
			if HasDefault(n) {
				// A select with default does not wait: look only at the
				// channel operands and the bodies of its clauses.
				for _, s := range n.Body.List {
					cc, ok := s.(*ast.CommClause)
					if !ok {
						continue
					}
					ops, _ := CommOperands(cc.Comm)
					for _, e := range ops {
						if b.Walk(e) {
							found = true
						}
					}
					for _, st := range cc.Body {
						if b.Walk(st) {
							found = true
						}
					}
				}
				return false
			}
		case *ast.RangeStmt:
			if b.RangeWaits(n) {
				found = true
				return false
			}
		case *ast.CallExpr:
			if b.callWaits(n) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// RangeWaits reports whether a range loop waits: over a channel each
// iteration receives. (An iterator function runs code we do not follow.)
func (b *Result) RangeWaits(r *ast.RangeStmt) bool {
	return b.RangeOver(r, false)
}

// RangeOver reports whether r ranges over a channel or, if funcs, over a
// function.
func (b *Result) RangeOver(r *ast.RangeStmt, funcs bool) bool {
	t := b.pass.TypesInfo.TypeOf(r.X)
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Signature:
		return funcs
	}
	return false
}

// callWaits reports whether the call itself may wait (its arguments are
// walked by the caller of callWaits).
func (b *Result) callWaits(call *ast.CallExpr) bool {
	if lit, ok := astutil.Unparen(call.Fun).(*ast.FuncLit); ok {
		return b.Walk(lit.Body) // called on the spot
	}
	fn := match.Callee(b.pass.TypesInfo, call)
	return b.FuncWaits(fn)
}

// FuncWaits reports whether calling fn may wait.
func (b *Result) FuncWaits(fn *types.Func) bool {
	if fn == nil {
		return false // a function value: we cannot see its code
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return false
	}
	if sig.Recv() != nil {
		if blockingMethods[fn.Name()] {
			return true
		}
	} else if blockingFuncs[fn.Name()] {
		return true
	}
	if fn.Pkg() == b.pass.Pkg {
		if _, ok := b.decls[fn]; ok {
			if b.calls != nil {
				*b.calls = append(*b.calls, fn)
			}
			return b.blocks[fn]
		}
		return false // an interface method of this package
	}
	return b.pass.ImportObjectFact(fn, new(Fact))
}

// ArgWaits reports whether the function value e (an argument of t.Cleanup,
// say) may wait when called.
func (b *Result) ArgWaits(e ast.Expr) bool {
	if lit, ok := astutil.Unparen(e).(*ast.FuncLit); ok {
		return b.Walk(lit.Body)
	}
	fn, _ := match.ObjectOf(b.pass.TypesInfo, e).(*types.Func)
	return b.FuncWaits(fn)
}

// HasDefault reports whether the select has a default branch: then it
// never waits.
func HasDefault(s *ast.SelectStmt) bool {
	if s.Body == nil {
		return false
	}
	for _, st := range s.Body.List {
		if cc, ok := st.(*ast.CommClause); ok && cc.Comm == nil {
			return true
		}
	}
	return false
}

// CommOperands returns the expressions of a communication that are
// evaluated whether or not its case is chosen: the channel and the value
// sent, not the variables a received value is assigned to. It reports
// false for a statement that is not a communication (type errors).
func CommOperands(comm ast.Stmt) ([]ast.Expr, bool) {
	if c, ok := comm.(*ast.SendStmt); ok {
		return []ast.Expr{c.Chan, c.Value}, true
	}
	if ch := match.Received(comm); ch != nil {
		return []ast.Expr{ch}, true
	}
	return nil, false
}

// Serves reports whether a call of fn runs a server loop (Serve,
// ListenAndServe, Run...): it blocks until the process ends, by design.
func Serves(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if sig, _ := fn.Type().(*types.Signature); sig != nil && sig.Recv() != nil {
		return blockingMethods[fn.Name()] && fn.Name() != "Wait"
	}
	return blockingFuncs[fn.Name()]
}
