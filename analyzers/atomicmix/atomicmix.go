package atomicmix

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

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
const Name = "atomicmix"

// Category is the category of every diagnostic.
const Category = "mixed-access"

const syncAtomic = "sync/atomic"

// atomicFuncs are the functions of sync/atomic whose first argument points
// to the variable they access.
var atomicFuncs = func() map[string]bool {
	m := map[string]bool{}
	for _, op := range []string{"Add", "And", "Or", "Load", "Store", "Swap", "CompareAndSwap"} {
		for _, t := range []string{"Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Pointer"} {
			m[op+t] = true
		}
	}
	return m
}()

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      Name,
		Doc:       analyzerdoc.MustExtract(doc, Name),
		URL:       report.URL(Name),
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		Run:       run,
		FactTypes: []analysis.Fact{new(usedAtomically)},
	}
}

// usedAtomically marks an exported package-level variable, or an exported
// field of a type that other packages can name, whose address its own
// package passes to a sync/atomic function. Importers report their plain
// accesses to it.
type usedAtomically struct {
	Func string // the atomic function, such as "AddInt64"
	At   string // file base name and line of that call, "counter.go:12"
	// Paths are the access paths of the atomic uses (see pathKey), such as
	// ["stats" "Hits"] for &p.stats.Hits.
	Paths [][]string
}

func (*usedAtomically) AFact() {}

func (f *usedAtomically) String() string {
	paths := make([]string, len(f.Paths))
	for i, p := range f.Paths {
		paths[i] = strings.Join(p, ".")
	}
	return "atomic." + f.Func + " at " + f.At + " via " + strings.Join(paths, " ")
}

// atomicUse is one call of a sync/atomic function on a tracked variable.
type atomicUse struct {
	cur  inspector.Cursor // the call
	fn   string
	pos  token.Pos
	file string // base name
	line int
	key  []string // access path, see pathKey
}

type checker struct {
	pass *analysis.Pass
	rep  *report.Reporter
	// uses holds the atomic uses in this package, in source order.
	uses map[*types.Var][]atomicUse
	// imported holds the facts of variables of other packages.
	imported map[*types.Var]*usedAtomically
	// provenance caches pathKey's answer for local variables.
	provenance map[*types.Var][]string
	// refs indexes the references to functions, built on first use.
	refs *refIndex
	// files are the cursors of the package's non-test files.
	files []inspector.Cursor
}

func run(pass *analysis.Pass) (any, error) {
	importsAtomic := match.Imports(pass.Pkg, syncAtomic)
	facts := pass.AllObjectFacts()
	if !importsAtomic && len(facts) == 0 {
		return nil, nil
	}
	c := &checker{
		pass:       pass,
		uses:       map[*types.Var][]atomicUse{},
		imported:   map[*types.Var]*usedAtomically{},
		provenance: map[*types.Var][]string{},
	}
	for _, f := range facts {
		v, ok := f.Object.(*types.Var)
		fact, ok2 := f.Fact.(*usedAtomically)
		if ok && ok2 && v.Pkg() != pass.Pkg {
			c.imported[v] = fact
		}
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	var files []inspector.Cursor
	for fileCur := range root.Children() {
		f := fileCur.Node().(*ast.File)
		// Tests read counters after wg.Wait() and set flags before starting
		// the code under test: happens-before edges this analyzer cannot
		// see. Their races are not production bugs either way, so test files
		// neither report nor count as atomic uses.
		if report.InTestFile(pass.Fset, f.FileStart) {
			continue
		}
		files = append(files, fileCur)
	}
	c.files = files
	if importsAtomic {
		for _, fileCur := range files {
			c.collectAtomic(fileCur)
		}
		c.exportFacts()
	}
	if len(c.uses) == 0 && len(c.imported) == 0 {
		return nil, nil
	}
	c.rep = report.New(pass)
	for _, fileCur := range files {
		c.checkFile(fileCur)
	}
	return nil, nil
}

// collectAtomic records the calls of sync/atomic functions whose first
// argument is &v or &x.f (possibly converted through unsafe.Pointer).
func (c *checker) collectAtomic(fileCur inspector.Cursor) {
	info := c.pass.TypesInfo
	for cur := range fileCur.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := match.Callee(info, call)
		if fn == nil || !atomicFuncs[fn.Name()] || !match.Func(fn, syncAtomic, fn.Name()) || len(call.Args) == 0 {
			continue
		}
		v, operand := addressed(info, call.Args[0])
		if v == nil {
			continue
		}
		p := c.pass.Fset.Position(call.Pos())
		c.uses[v] = append(c.uses[v], atomicUse{
			cur: cur, fn: fn.Name(), pos: call.Pos(), file: filepath.Base(p.Filename), line: p.Line,
			key: c.pathKey(operand, 0),
		})
	}
}

// addressed returns the variable or field whose address e is: &v, &x.f,
// &pkg.V, optionally inside conversions such as
// (*unsafe.Pointer)(unsafe.Pointer(&x.p)). It returns nil for anything else
// (a pointer variable, &a[i]) and for variables whose type is not one that
// the atomic functions operate on.
func addressed(info *types.Info, e ast.Expr) (*types.Var, ast.Expr) {
	for {
		e = astutil.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			break
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return nil, nil
		}
		e = call.Args[0]
	}
	u, ok := e.(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return nil, nil
	}
	x := astutil.Unparen(u.X)
	if sel, ok := x.(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() != types.FieldVal {
			return nil, nil
		}
	} else if _, ok := x.(*ast.Ident); !ok {
		return nil, nil
	}
	v, ok := match.ObjectOf(info, x).(*types.Var)
	if !ok || v == nil {
		return nil, nil
	}
	v = v.Origin()
	switch t := v.Type().Underlying().(type) {
	case *types.Basic:
		if t.Info()&types.IsInteger == 0 && t.Kind() != types.UnsafePointer {
			return nil, nil
		}
	case *types.Pointer:
	default:
		return nil, nil
	}
	return v, x
}

// exportFacts exports a fact for each exported variable and field that this
// package uses atomically and that other packages can access.
func (c *checker) exportFacts() {
	var fields map[*types.Var]bool
	for v, uses := range c.uses {
		if v.Pkg() != c.pass.Pkg || !v.Exported() {
			continue
		}
		if v.IsField() {
			if fields == nil {
				fields = reachableFields(c.pass.Pkg)
			}
			if !fields[v] {
				continue
			}
		} else if v.Parent() != c.pass.Pkg.Scope() {
			continue
		}
		u := uses[0]
		fact := &usedAtomically{Func: u.fn, At: fmt.Sprintf("%s:%d", u.file, u.line)}
		for _, u := range uses {
			if !slices.ContainsFunc(fact.Paths, func(p []string) bool { return slices.Equal(p, u.key) }) {
				fact.Paths = append(fact.Paths, u.key)
			}
		}
		c.pass.ExportObjectFact(v, fact)
	}
}

// reachableFields returns the exported fields that other packages can
// select: those of exported struct types, of anonymous structs inside them
// and of the embedded types they promote.
func reachableFields(pkg *types.Package) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	seen := map[types.Type]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		t = types.Unalias(t)
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		if seen[t] {
			return
		}
		seen[t] = true
		if n, ok := t.(*types.Named); ok && (n.Obj().Pkg() != pkg) {
			return
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return
		}
		for f := range st.Fields() {
			if f.Exported() {
				out[f] = true
			}
			ft := types.Unalias(f.Type())
			if p, ok := ft.(*types.Pointer); ok {
				ft = types.Unalias(p.Elem())
			}
			switch ft.(type) {
			case *types.Struct:
				walk(ft)
			case *types.Named:
				if f.Embedded() {
					walk(ft)
				}
			}
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok && tn.Exported() && !tn.IsAlias() {
			walk(tn.Type())
		}
	}
	return out
}

// checkFile reports the plain accesses to tracked variables in one file.
func (c *checker) checkFile(fileCur inspector.Cursor) {
	info := c.pass.TypesInfo
	for cur := range fileCur.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		v, ok := info.Uses[id].(*types.Var)
		if !ok || v == nil {
			continue
		}
		v = v.Origin()
		uses, local := c.uses[v]
		fact := c.imported[v]
		if !local && fact == nil {
			continue
		}
		acc := cur // the access expression: v, pkg.V or x.f
		if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
			acc = cur.Parent()
			sel := acc.Node().(*ast.SelectorExpr)
			if s, ok := info.Selections[sel]; ok && s.Kind() != types.FieldVal {
				continue
			}
		} else if v.IsField() {
			continue // a key in a composite literal: initialisation
		}
		if !c.plainAccess(acc) {
			continue
		}
		switch {
		case v.IsField():
			// Only atomic uses on the same access path count (see pathKey).
			uses, fact = c.samePath(acc, uses, fact)
			if len(uses) == 0 && fact == nil || !c.sharedField(acc) {
				continue
			}
		case v.Parent() != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope():
			if !c.racyLocal(acc, v, uses) {
				continue
			}
		}
		if fact == nil && accessKind(acc) == "read" && c.readUnderWriteLock(acc, uses) {
			continue
		}
		c.report(acc, v, uses, fact)
	}
}

// samePath returns the atomic uses, and the imported fact, whose access
// path is a suffix of the path of the field access acc: &p.stats.Hits
// marks s.stats.Hits and x.pool.stats.Hits, but not s.Hits where s is a
// *Stats snapshot returned by a function.
func (c *checker) samePath(acc inspector.Cursor, uses []atomicUse, fact *usedAtomically) ([]atomicUse, *usedAtomically) {
	key := c.pathKey(acc.Node().(ast.Expr), 0)
	var out []atomicUse
	for _, u := range uses {
		if hasSuffix(key, u.key) {
			out = append(out, u)
		}
	}
	if fact != nil && !slices.ContainsFunc(fact.Paths, func(p []string) bool { return hasSuffix(key, p) }) {
		fact = nil
	}
	return out, fact
}

func hasSuffix(key, suffix []string) bool {
	return len(suffix) <= len(key) && slices.Equal(key[len(key)-len(suffix):], suffix)
}

// plainAccess reports whether the expression at acc reads or writes the
// variable's value: it is not the operand of &, not inside
// unsafe.Offsetof/Sizeof/Alignof, not in an init function, and not after a
// sync.WaitGroup or errgroup.Group Wait in the same function.
func (c *checker) plainAccess(acc inspector.Cursor) bool {
	if c.afterWait(acc) {
		return false
	}
	outer := acc
	for outer.ParentEdgeKind() == edge.ParenExpr_X {
		outer = outer.Parent()
	}
	if u, ok := outer.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		return false // taking the address, to pass to an atomic call or a helper
	}
	for cur := range acc.Enclosing((*ast.CallExpr)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncLit:
			return true // may run later, in another goroutine
		case *ast.CallExpr:
			if b, ok := match.ObjectOf(c.pass.TypesInfo, n.Fun).(*types.Builtin); ok {
				switch b.Name() {
				case "Offsetof", "Sizeof", "Alignof":
					return false
				}
			}
		case *ast.FuncDecl:
			if n.Recv == nil && n.Name.Name == "init" {
				return false // package initialisation runs before any goroutine of the package
			}
		}
	}
	return true
}

func (c *checker) report(acc inspector.Cursor, v *types.Var, uses []atomicUse, fact *usedAtomically) {
	var where string
	var related []analysis.RelatedInformation
	if len(uses) > 0 {
		u := uses[0]
		where = fmt.Sprintf("atomic.%s at %s:%d", u.fn, u.file, u.line)
		related = []analysis.RelatedInformation{{Pos: u.pos, End: u.cur.Node().End(), Message: "atomic access to " + v.Name()}}
	} else {
		where = fmt.Sprintf("atomic.%s at %s in package %s", fact.Func, fact.At, v.Pkg().Path())
	}
	c.rep.ReportDiagnostic(analysis.Diagnostic{
		Pos:      acc.Node().Pos(),
		End:      acc.Node().End(),
		Category: Category,
		Message: fmt.Sprintf("%s is %s plainly here but accessed with %s: "+
			"the atomic operations do not protect this access, so it is a data race that can see torn or stale values and lose updates, "+
			"and the race detector only notices when both accesses happen to run at once; "+
			"declare it as %s and use its methods for every access",
			types.ExprString(acc.Node().(ast.Expr)), accessKind(acc), where, typedAtomic(v.Type(), types.RelativeTo(c.pass.Pkg))),
		Related: related,
	})
}

// accessKind describes the access at acc: "read", "written" or "updated"
// (read-modify-write: x++, x += n).
func accessKind(acc inspector.Cursor) string {
	kind := "read"
	switch p := parentSkippingParens(acc).Node().(type) {
	case *ast.AssignStmt:
		if isLHS(acc) {
			kind = "written"
			if p.Tok != token.ASSIGN && p.Tok != token.DEFINE {
				kind = "updated"
			}
		}
	case *ast.IncDecStmt:
		kind = "updated"
	case *ast.RangeStmt:
		if isLHS(acc) {
			kind = "written"
		}
	}
	return kind
}

func parentSkippingParens(cur inspector.Cursor) inspector.Cursor {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	return cur.Parent()
}

func isLHS(cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Lhs, edge.RangeStmt_Key, edge.RangeStmt_Value:
		return true
	}
	return false
}

// typedAtomic names the sync/atomic type that replaces a variable of type t.
func typedAtomic(t types.Type, qual types.Qualifier) string {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch u.Kind() {
		case types.Int32:
			return "atomic.Int32"
		case types.Int64:
			return "atomic.Int64"
		case types.Uint32:
			return "atomic.Uint32"
		case types.Uint64:
			return "atomic.Uint64"
		case types.Uintptr:
			return "atomic.Uintptr"
		case types.UnsafePointer:
			return "atomic.Pointer[T]"
		}
	case *types.Pointer:
		return "atomic.Pointer[" + types.TypeString(u.Elem(), qual) + "]"
	}
	return "a typed atomic (atomic.Int64, atomic.Pointer[T], ...)"
}
