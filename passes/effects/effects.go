// Package effects summarises, for each function, what it does to the
// values it is handed (its receiver and parameters) that matters when it
// runs in a goroutine of its own: the fields and maps it writes without a
// lock, the package-level variables it assigns, and the sync.WaitGroups
// it calls Add on. Exported functions' summaries travel as facts, so that
// a go statement calling a method of another package is judged as one
// calling a method of this one. It reports nothing.
package effects

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// Analyzer computes a *Result and exports a package Fact with the
// summaries of the exported functions that have effects.
var Analyzer = &analysis.Analyzer{
	Name:       "effects",
	Doc:        "summarise what functions write and add to through their receiver and parameters",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(Fact)},
	// Rules that run on broken code need the Result.
	RunDespiteErrors: true,
}

// A Summary is what a function does to what it is handed.
type Summary struct {
	// Writes are its writes made without a lock. A function that locks
	// anything, or waits for another goroutine (a receive, a select, a
	// sync/atomic operation, a Wait, sync.Once.Do), has none: its writes
	// may be ordered.
	Writes []Write
	// Adds are the WaitGroups it calls Add on with a count that may be
	// positive, outside function literals.
	Adds []Add
}

// A Write is one unlocked write.
type Write struct {
	// Param is the index of the parameter written through, -1 for the
	// receiver, -2 for a package-level variable of the function's package
	// (Path is then its name).
	Param int
	// Path is the field path written, from the parameter: ".count",
	// ".stats.hits"; "" for the parameter itself (a map).
	Path string
	// Map: an element of the map at Path is written (m[k] = v, delete).
	Map bool
	// Pos is where, for functions of the package being analyzed; not set
	// from facts.
	Pos token.Pos
}

// An Add is a WaitGroup a function calls Add on.
type Add struct {
	Param int       // index of the parameter, -1 for the receiver
	Path  string    // field indices from it to the WaitGroup, ".2.0"; "" for the parameter itself
	Pos   token.Pos // the Add, as Write.Pos
}

// Fact holds the summaries of a package's exported functions and methods
// that have effects, by name ("Func", or "Type.Method" without the
// pointer). It is one package fact rather than one fact a function: the
// analysis drivers copy every fact of every dependency into each package
// they analyze, and a package fact is one entry.
type Fact struct {
	Funcs []Named // sorted by name: facts must encode deterministically
}

// Named is the summary of one function of a Fact.
type Named struct {
	Name string
	Summary
}

func (*Fact) AFact() {}

func (f *Fact) String() string {
	parts := make([]string, len(f.Funcs))
	for i, n := range f.Funcs {
		parts[i] = n.Name + ": " + n.Summary.String()
	}
	return strings.Join(parts, "; ")
}

// lookup returns the summary of the function named name.
func (f *Fact) lookup(name string) (Summary, bool) {
	i, ok := slices.BinarySearchFunc(f.Funcs, name, func(n Named, name string) int { return strings.Compare(n.Name, name) })
	if !ok {
		return Summary{}, false
	}
	return f.Funcs[i].Summary, true
}

// String renders the summary for tests: "writes(-1.hits 0[]) adds(-1.2)".
func (s Summary) String() string {
	var parts []string
	for _, w := range s.Writes {
		p := fmt.Sprintf("%d%s", w.Param, w.Path)
		if w.Param == -2 {
			p = w.Path
		}
		if w.Map {
			p += "[]"
		}
		parts = append(parts, p)
	}
	out := "writes(" + strings.Join(parts, " ") + ")"
	if len(s.Adds) > 0 {
		parts = parts[:0]
		for _, a := range s.Adds {
			parts = append(parts, fmt.Sprintf("%d%s", a.Param, a.Path))
		}
		out += " adds(" + strings.Join(parts, " ") + ")"
	}
	return out
}

// Result answers Of for the functions of a package and of its
// dependencies. It is safe for concurrent use.
type Result struct {
	pass  *analysis.Pass
	decls map[*types.Func]inspector.Cursor

	mu        sync.Mutex
	summaries map[*types.Func]*Summary
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, decls: map[*types.Func]inspector.Cursor{}, summaries: map[*types.Func]*Summary{}}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && fn != nil && fd.Body != nil {
			r.decls[fn] = cur
		}
	}
	// Only exported functions can be called from other packages, and
	// dependencies are analyzed for these facts alone: the others are
	// summarised when asked.
	fact := &Fact{}
	for fn := range r.decls {
		if !fn.Exported() || !handsShared(fn) {
			continue
		}
		if s := r.Of(fn); s != nil {
			key := match.FuncKey(fn)
			if key == "" {
				continue
			}
			// Writes of package variables stay home: through a fact they
			// would cost every package, for a rare shape.
			c := Summary{Writes: slices.DeleteFunc(slices.Clone(s.Writes), func(w Write) bool { return w.Param == -2 }), Adds: slices.Clone(s.Adds)}
			for i := range c.Writes {
				c.Writes[i].Pos = token.NoPos // positions mean nothing in another package
			}
			if len(c.Writes) == 0 && len(c.Adds) == 0 {
				continue
			}
			for i := range c.Adds {
				c.Adds[i].Pos = token.NoPos
			}
			fact.Funcs = append(fact.Funcs, Named{key, c})
		}
	}
	if len(fact.Funcs) > 0 {
		slices.SortFunc(fact.Funcs, func(a, b Named) int { return strings.Compare(a.Name, b.Name) })
		pass.ExportPackageFact(fact)
	}
	return r, nil
}

// handsShared reports whether fn is handed something through which a
// write or an Add can reach its caller: a receiver or a parameter of a
// pointer, map or struct type (a struct may hold maps). Other functions
// are not summarised for facts.
func handsShared(fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	shared := func(v *types.Var) bool {
		switch v.Type().Underlying().(type) {
		case *types.Pointer, *types.Map, *types.Struct:
			return true
		}
		return false
	}
	if sig.Recv() != nil && shared(sig.Recv()) {
		return true
	}
	for p := range sig.Params().Variables() {
		if shared(p) {
			return true
		}
	}
	return false
}

// Of returns the summary of fn (a function or concrete method, generic or
// not): computed for this package, from its fact for another. nil when it
// has no effects, or is unknown.
func (r *Result) Of(fn *types.Func) *Summary {
	if fn == nil || match.InterfaceMethod(fn) {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() != r.pass.Pkg {
		var f Fact
		if fn.Pkg() == nil || !r.pass.ImportPackageFact(fn.Pkg(), &f) {
			return nil
		}
		s, ok := f.lookup(match.FuncKey(fn))
		if !ok {
			return nil
		}
		return &s
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.summaries[fn]; ok {
		return s
	}
	var s *Summary
	if cur, ok := r.decls[fn]; ok {
		s = r.summarize(cur, fn)
	}
	r.summaries[fn] = s
	return s
}

// bodyNodes are the nodes summarize looks at.
var bodyNodes = []ast.Node{(*ast.FuncLit)(nil), (*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.CallExpr)(nil),
	(*ast.UnaryExpr)(nil), (*ast.SelectStmt)(nil), (*ast.RangeStmt)(nil)}

// summarize walks the declaration at cur once, with the inspector's
// filtered traversal: this runs on every function of every dependency.
func (r *Result) summarize(cur inspector.Cursor, fn *types.Func) *Summary {
	info := r.pass.TypesInfo
	sig := fn.Type().(*types.Signature)
	param := map[*types.Var]int{}
	if sig.Recv() != nil {
		param[sig.Recv()] = -1
	}
	for i := range sig.Params().Len() {
		if !(sig.Variadic() && i == sig.Params().Len()-1) {
			param[sig.Params().At(i)] = i
		}
	}
	var s Summary
	seenW := map[Write]bool{}
	seenA := map[Add]bool{}
	write := func(e ast.Expr, isMap bool) {
		w, ok := r.writeOf(e, param, isMap)
		if ok && !seenW[w] {
			seenW[w] = true
			w.Pos = e.Pos()
			s.Writes = append(s.Writes, w)
		}
	}
	ordered := false // a lock or an acquire: the writes may be ordered
	body := cur.ChildAt(edge.FuncDecl_Body, -1)
	body.Inspect(bodyNodes, func(c inspector.Cursor) bool {
		switch x := c.Node().(type) {
		case *ast.FuncLit:
			return false // runs at other times, maybe under a lock
		case *ast.AssignStmt:
			if x.Tok != token.DEFINE {
				for _, lhs := range x.Lhs {
					write(lhs, false)
				}
			}
		case *ast.IncDecStmt:
			write(x.X, false)
		case *ast.CallExpr:
			if id, ok := astutil.Unparen(x.Fun).(*ast.Ident); ok && len(x.Args) > 0 {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "delete" {
					write(x.Args[0], true)
				}
			}
			if a, ok := r.addOf(x, param); ok && !seenA[a] {
				seenA[a] = true
				a.Pos = x.Pos()
				s.Adds = append(s.Adds, a)
			}
			ordered = ordered || isLock(x) || acquiresCall(info, x)
		default:
			ordered = ordered || isAcquire(info, x)
		}
		return true
	})
	if ordered {
		s.Writes = nil
	}
	if len(s.Writes) == 0 && len(s.Adds) == 0 {
		return nil
	}
	sort.Slice(s.Writes, func(i, j int) bool { return s.Writes[i].Pos < s.Writes[j].Pos })
	return &s
}

// writeOf returns the write that assigning e (or, with isMap, deleting
// from the map e) makes through a parameter or to a package-level
// variable.
func (r *Result) writeOf(e ast.Expr, param map[*types.Var]int, isMap bool) (Write, bool) {
	info := r.pass.TypesInfo
	e = astutil.Unparen(e)
	if ix, ok := e.(*ast.IndexExpr); ok && !isMap {
		if t := info.TypeOf(ix.X); t != nil {
			if _, isM := t.Underlying().(*types.Map); isM {
				e, isMap = astutil.Unparen(ix.X), true
			}
		}
	}
	if t := info.TypeOf(e); t == nil || SyncType(t) {
		return Write{}, false
	}
	var path []string
	x := e
	for {
		sel, ok := x.(*ast.SelectorExpr)
		if !ok {
			break
		}
		s, ok := info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			return Write{}, false
		}
		path = append([]string{sel.Sel.Name}, path...)
		x = astutil.Unparen(sel.X)
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return Write{}, false
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil {
		return Write{}, false
	}
	if v.Pkg() == r.pass.Pkg && v.Parent() == r.pass.Pkg.Scope() {
		if isMap || len(path) > 0 {
			return Write{}, false // keep to plain assignments of package variables
		}
		return Write{Param: -2, Path: v.Name()}, true
	}
	index, ok := param[v]
	if !ok {
		return Write{}, false
	}
	// A field of a value parameter is the callee's own copy; a map is
	// shared whatever holds it.
	if !isMap {
		if len(path) == 0 {
			return Write{}, false
		}
		if _, isPtr := v.Type().Underlying().(*types.Pointer); !isPtr {
			return Write{}, false
		}
	}
	p := ""
	if len(path) > 0 {
		p = "." + strings.Join(path, ".")
	}
	return Write{Param: index, Path: p, Map: isMap}, true
}

// addOf returns the WaitGroup that call adds to, when it is wg.Add(n) or
// (*sync.WaitGroup).Add(wg, n) with n possibly positive and wg reached
// from a parameter or the receiver.
func (r *Result) addOf(call *ast.CallExpr, param map[*types.Var]int) (Add, bool) {
	info := r.pass.TypesInfo
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Add" { // cheap first: most calls are not
		return Add{}, false
	}
	if !match.Method(match.Callee(info, call), "sync", "WaitGroup", "Add") {
		return Add{}, false
	}
	wg, args, _ := CallArgs(info, call)
	if wg == nil || len(args) != 1 {
		return Add{}, false
	}
	if tv := info.Types[args[0]]; tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); !exact || n <= 0 {
			return Add{}, false
		}
	}
	v, path, ok := FieldPath(info, wg)
	if !ok {
		return Add{}, false
	}
	index, ok := param[v]
	if !ok {
		return Add{}, false
	}
	return Add{Param: index, Path: path}, true
}
