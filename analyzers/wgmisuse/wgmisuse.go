package wgmisuse

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/effects"
	"github.com/prodvet/prodvet/passes/noreturn"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "wgmisuse"

// Categories of the diagnostics.
const (
	// CategoryAddInGoroutine: Add runs inside a goroutine, concurrently
	// with a Wait of the function that started it.
	CategoryAddInGoroutine = "add-in-goroutine"
	// CategoryAddAfterGo: Add runs after the go statement it accounts for.
	CategoryAddAfterGo = "add-after-go"
	// CategoryDoneSkipped: a goroutine can end without calling Done.
	CategoryDoneSkipped = "done-skipped"
	// CategoryWaitInLoop: Wait in the loop that starts the goroutines, one
	// per iteration, so they run one at a time.
	CategoryWaitInLoop = "wait-in-loop"
)

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer, effects.Analyzer},
		Run:      run,
	}
}

// A key identifies one WaitGroup by the variable it is reached from and the
// path of field indices from there (embedded fields included), so that s.wg,
// (*s).wg, &s.wg and a promoted s.Add all name the same WaitGroup whatever
// the spelling.
type key struct {
	root types.Object
	path string
}

func (k key) valid() bool { return k.root != nil }

func (k key) extend(index []int) key {
	var b strings.Builder
	b.WriteString(k.path)
	for _, i := range index {
		fmt.Fprintf(&b, ".%d", i)
	}
	return key{k.root, b.String()}
}

// A wgCall is a call of a method of sync.WaitGroup.
type wgCall struct {
	call   *ast.CallExpr
	method string     // Add, Done, Wait or Go
	key    key        // the WaitGroup
	recv   string     // the WaitGroup as written, for messages
	args   []ast.Expr // the method's arguments (without the receiver of a method expression)
	sel    bool       // called as recv.Method(...), the shape fixes rewrite
}

type checker struct {
	pass *analysis.Pass
	info *types.Info
	rep  *report.Reporter
	// noret tells which calls never return, and how they end.
	noret *noreturn.Result
	// methodValues maps variables assigned once from a method value of a
	// WaitGroup (done := wg.Done) to that method value.
	methodValues map[types.Object]*ast.SelectorExpr
	// decls maps the functions declared in the package to their
	// declarations.
	decls map[*types.Func]*ast.FuncDecl
	// callsDone holds the functions of the package whose bodies call
	// Done on some WaitGroup: a call of one may be where Done happens.
	callsDone map[*types.Func]bool
	// effects summarises the WaitGroups that called functions add to.
	effects *effects.Result
	// reported Add calls, so that two rules do not report one call.
	reported map[*ast.CallExpr]bool
	files    map[*token.File][]byte
}

func run(pass *analysis.Pass) (any, error) {
	if !match.Imports(pass.Pkg, "sync") {
		return nil, nil // fast path: no WaitGroup named in this package
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c := &checker{
		pass:         pass,
		info:         pass.TypesInfo,
		noret:        pass.ResultOf[noreturn.Analyzer].(*noreturn.Result),
		effects:      pass.ResultOf[effects.Analyzer].(*effects.Result),
		methodValues: map[types.Object]*ast.SelectorExpr{},
		decls:        map[*types.Func]*ast.FuncDecl{},
		callsDone:    map[*types.Func]bool{},
		reported:     map[*ast.CallExpr]bool{},
		files:        map[*token.File][]byte{},
	}
	if c.info == nil {
		return nil, nil
	}
	c.collect(root)
	// Tests too: a skipped Done hangs CI until go test's timeout, and an
	// Add racing with Wait makes a flaky build.
	c.rep = report.New(pass)
	for cur := range root.Preorder((*ast.GoStmt)(nil)) {
		gs := cur.Node().(*ast.GoStmt)
		if !c.rep.Covers(gs.Pos()) {
			continue
		}
		c.checkAddInGoroutine(cur, gs)
		c.checkAddInWorker(cur, gs)
	}
	c.checkAddAfterGo(root)
	c.checkDone(root)
	c.checkWaitInLoop(root)
	return nil, nil
}

// collect records the package's declarations, the functions that call
// Done and the variables that hold a WaitGroup method value.
func (c *checker) collect(root inspector.Cursor) {
	assigned := map[types.Object]int{}
	for cur := range root.Preorder((*ast.FuncDecl)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn, ok := c.info.Defs[n.Name].(*types.Func); ok && fn != nil && n.Body != nil {
				c.decls[fn] = n
			}
		case *ast.CallExpr:
			if wc, ok := c.wgCall(n); ok && wc.method == "Done" {
				for p := range cur.Enclosing((*ast.FuncDecl)(nil)) {
					fd := p.Node().(*ast.FuncDecl)
					if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && fn != nil {
						c.callsDone[fn] = true
					}
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := astutil.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				obj := c.info.ObjectOf(id)
				if obj == nil {
					continue
				}
				assigned[obj]++
				if len(n.Lhs) == len(n.Rhs) {
					if sel := c.wgMethodValue(n.Rhs[i]); sel != nil {
						c.methodValues[obj] = sel
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				obj := c.info.Defs[id]
				if obj == nil {
					continue
				}
				if len(n.Values) > 0 {
					assigned[obj]++
				}
				if len(n.Names) == len(n.Values) {
					if sel := c.wgMethodValue(n.Values[i]); sel != nil {
						c.methodValues[obj] = sel
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, ok := astutil.Unparen(n.X).(*ast.Ident); ok {
					if obj := c.info.ObjectOf(id); obj != nil {
						assigned[obj] += 2 // its address escapes: it may change
					}
				}
			}
		}
	}
	for obj := range c.methodValues {
		if _, isVar := obj.(*types.Var); !isVar || assigned[obj] != 1 {
			delete(c.methodValues, obj)
		}
	}
}

// wgMethodValue returns e as a selector if it is a method value of a
// sync.WaitGroup (wg.Done, not called).
func (c *checker) wgMethodValue(e ast.Expr) *ast.SelectorExpr {
	sel, ok := astutil.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || !isWGMethod(s.Obj()) {
		return nil
	}
	return sel
}

func isWGMethod(obj types.Object) bool {
	if obj == nil {
		return false
	}
	switch obj.Name() {
	case "Add", "Done", "Wait", "Go":
		return match.Method(obj, "sync", "WaitGroup", obj.Name())
	}
	return false
}

// wgCall resolves call as a call of a method of sync.WaitGroup: wg.Add(1),
// s.wg.Done(), s.Done() through an embedded WaitGroup, done() where done
// holds the method value wg.Done, or (*sync.WaitGroup).Done(&wg).
func (c *checker) wgCall(call *ast.CallExpr) (wgCall, bool) {
	switch fun := astutil.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		s := c.info.Selections[fun]
		if s == nil || !isWGMethod(s.Obj()) {
			return wgCall{}, false
		}
		switch s.Kind() {
		case types.MethodVal:
			k := c.keyOf(fun.X)
			if !k.valid() {
				return wgCall{}, false
			}
			idx := s.Index()
			k = k.extend(idx[:len(idx)-1])
			return wgCall{call: call, method: s.Obj().Name(), key: k, recv: display(fun.X), args: call.Args, sel: true}, true
		case types.MethodExpr:
			if len(call.Args) == 0 {
				return wgCall{}, false
			}
			k := c.keyOf(call.Args[0])
			if !k.valid() {
				return wgCall{}, false
			}
			return wgCall{call: call, method: s.Obj().Name(), key: k, recv: display(call.Args[0]), args: call.Args[1:]}, true
		}
	case *ast.Ident:
		obj := c.info.Uses[fun]
		if obj == nil {
			return wgCall{}, false
		}
		sel := c.methodValues[obj]
		if sel == nil {
			return wgCall{}, false
		}
		s := c.info.Selections[sel]
		k := c.keyOf(sel.X)
		if !k.valid() || s == nil {
			return wgCall{}, false
		}
		idx := s.Index()
		k = k.extend(idx[:len(idx)-1])
		return wgCall{call: call, method: s.Obj().Name(), key: k, recv: display(sel.X), args: call.Args}, true
	}
	return wgCall{}, false
}

// keyOf returns the key of the WaitGroup (or of the value holding it) that
// e denotes: a variable, or a chain of field selections from one, with &,
// * and parentheses removed. Anything else (a call, an index) has no key.
func (c *checker) keyOf(e ast.Expr) key {
	v, path, ok := effects.FieldPath(c.info, e)
	if !ok {
		return key{}
	}
	return key{v, path}
}

// calls returns the WaitGroup calls in n, not looking inside function
// literals when skipLits is set.
func (c *checker) calls(n ast.Node, skipLits bool) []wgCall {
	var out []wgCall
	if n == nil {
		return nil
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return !skipLits
		case *ast.CallExpr:
			if wc, ok := c.wgCall(n); ok {
				out = append(out, wc)
			}
		}
		return true
	})
	return out
}

// declaredIn reports whether obj is declared inside n.
func declaredIn(obj types.Object, n ast.Node) bool {
	return obj != nil && n != nil && n.Pos() <= obj.Pos() && obj.Pos() < n.End()
}

// enclosingFunc returns the innermost function literal or declaration
// around cur, and its body.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, *ast.BlockStmt) {
	for p := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch f := p.Node().(type) {
		case *ast.FuncLit:
			return p, f.Body
		case *ast.FuncDecl:
			return p, f.Body
		}
	}
	return inspector.Cursor{}, nil
}

// goFuncLit returns the function literal that gs starts, or nil.
func goFuncLit(gs *ast.GoStmt) *ast.FuncLit {
	if gs.Call == nil {
		return nil
	}
	lit, _ := astutil.Unparen(gs.Call.Fun).(*ast.FuncLit)
	return lit
}

// positive reports whether the Add argument e may be positive: any
// expression except a constant <= 0 (Add(-1) is a Done) or a constant that
// is not an integer (a type error).
func (c *checker) positive(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil {
		return true
	}
	v := constant.ToInt(tv.Value)
	return v.Kind() == constant.Int && constant.Sign(v) > 0
}

// isConst reports whether e is an integer constant.
func (c *checker) isConst(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	return ok && tv.Value != nil && constant.ToInt(tv.Value).Kind() == constant.Int
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// display returns the WaitGroup expression e as messages show it, without
// parentheses and address-of: s.wg for (&s.wg).
func display(e ast.Expr) string {
	e = astutil.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = astutil.Unparen(u.X)
	}
	return types.ExprString(e)
}
