package atomicmix

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/atomicaccess"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "atomicmix"

// Category is the category of every diagnostic.
const Category = "mixed-access"

const syncAtomic = "sync/atomic"

// atomicFuncs names the sync/atomic functions that the pass tracks.
var atomicFuncs = atomicaccess.FuncNames()

// Analyzer is the analyzer for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer.
func New() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer, atomicaccess.Analyzer},
		Run:      run,
	}
}

// atomicUse is one call of a sync/atomic function on a tracked variable.
type atomicUse struct {
	cur  inspector.Cursor // the call
	fn   string
	pos  token.Pos
	file string // base name
	line int
	key  []string // access path, see atomicaccess.Result.Path
}

type checker struct {
	pass *analysis.Pass
	rep  *report.Reporter
	// atomic holds what the atomicaccess pass found.
	atomic *atomicaccess.Result
	// uses holds the atomic uses in this package, in source order.
	uses map[*types.Var][]atomicUse
	// imported caches the facts of variables of other packages, nil included.
	imported map[*types.Var]*atomicaccess.UsedAtomically
	// refs indexes the references to functions, built on first use.
	refs *refIndex
	// keeps memoizes keepsReceiver.
	keeps map[*types.Func]bool
	// decls maps the package's functions to their declarations, built on first use.
	decls map[*types.Func]inspector.Cursor
	// freshResults caches returnsFresh, keyed by function and result index.
	freshResults map[freshKey]bool
	// files are the cursors of the package's non-test files.
	files []inspector.Cursor
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[atomicaccess.Analyzer].(*atomicaccess.Result)
	c := &checker{
		pass:     pass,
		atomic:   res,
		uses:     map[*types.Var][]atomicUse{},
		imported: map[*types.Var]*atomicaccess.UsedAtomically{},
	}
	for v, accs := range res.All() {
		for _, a := range accs {
			c.uses[v] = append(c.uses[v], atomicUse{
				cur: a.Call, fn: a.Func, pos: a.Call.Node().Pos(), file: a.File, line: a.Line, key: a.Path,
			})
		}
	}
	if len(c.uses) == 0 && !res.HasImported() {
		return nil, nil
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	c.rep = report.New(pass, report.SkipTestFiles)
	var files []inspector.Cursor
	for fileCur := range root.Children() {
		f := fileCur.Node().(*ast.File)
		// Tests read counters after wg.Wait() and set flags before starting
		// the code under test: happens-before edges this analyzer cannot
		// see. Their races are not production bugs either way, so test files
		// neither report nor count as atomic uses (the pass skips them too).
		if !c.rep.Covers(f.FileStart) {
			continue
		}
		files = append(files, fileCur)
	}
	c.files = files
	for _, fileCur := range files {
		c.checkFile(fileCur)
	}
	return nil, nil
}

// importedFact returns the fact of v, a variable of another package, or nil.
func (c *checker) importedFact(v *types.Var) *atomicaccess.UsedAtomically {
	f, ok := c.imported[v]
	if !ok {
		f = c.atomic.Imported(v)
		c.imported[v] = f
	}
	return f
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
		fact := c.importedFact(v)
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
			// Only atomic uses on the same access path count (see atomicaccess.Result.Path).
			uses, fact = c.samePath(acc, uses, fact)
			if len(uses) == 0 && fact == nil || !c.sharedField(acc) {
				continue
			}
		case v.Parent() != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope():
			if !c.racyLocal(acc, v, uses) {
				continue
			}
		}
		if c.inInitMethod(acc) {
			continue
		}
		if accessKind(acc) == "read" && !atomicWrites(uses, fact) {
			continue // a read races only with writes, and every atomic use is a Load
		}
		if fact == nil && accessKind(acc) == "read" && c.readUnderWriteLock(acc, uses) {
			continue
		}
		c.report(acc, v, uses, fact)
	}
}

// inInitMethod reports whether acc accesses a field of the receiver of a
// method named Init (debug.Debugger's, list.List's, flag.FlagSet's): by
// convention it prepares the value before it is shared.
func (c *checker) inInitMethod(acc inspector.Cursor) bool {
	for fc := range acc.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fd, ok := fc.Node().(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Name.Name != "Init" || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
			return false
		}
		recv := c.pass.TypesInfo.Defs[fd.Recv.List[0].Names[0]]
		x := acc.Node().(ast.Expr)
		for {
			sel, ok := astutil.Unparen(x).(*ast.SelectorExpr)
			if !ok {
				break
			}
			x = sel.X
		}
		id, ok := astutil.Unparen(x).(*ast.Ident)
		return ok && recv != nil && c.pass.TypesInfo.Uses[id] == recv
	}
	return false
}

// onceCallback reports whether the function literal at lit is the
// function of (*sync.Once).Do or of sync.OnceFunc, OnceValue or
// OnceValues: it runs once, and every call of the Once returns after it
// has, so what it initialises is ordered before the code that follows.
func onceCallback(info *types.Info, lit inspector.Cursor) bool {
	for lit.ParentEdgeKind() == edge.ParenExpr_X {
		lit = lit.Parent()
	}
	if lit.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	fn := match.Callee(info, lit.Parent().Node().(*ast.CallExpr))
	return match.Method(fn, "sync", "Once", "Do") || match.Func(fn, "sync", "OnceFunc") ||
		match.Func(fn, "sync", "OnceValue") || match.Func(fn, "sync", "OnceValues")
}

// atomicWrites reports whether some atomic use (of this package, or of
// the package of the fact) writes the variable.
func atomicWrites(uses []atomicUse, fact *atomicaccess.UsedAtomically) bool {
	if fact != nil && fact.Writes {
		return true
	}
	return slices.ContainsFunc(uses, func(u atomicUse) bool { return atomicaccess.IsWrite(u.fn) })
}

// samePath returns the atomic uses, and the imported fact, whose access
// path is a suffix of the path of the field access acc: &p.stats.Hits
// marks s.stats.Hits and x.pool.stats.Hits, but not s.Hits where s is a
// *Stats snapshot returned by a function.
func (c *checker) samePath(acc inspector.Cursor, uses []atomicUse, fact *atomicaccess.UsedAtomically) ([]atomicUse, *atomicaccess.UsedAtomically) {
	key := c.atomic.Path(acc.Node().(ast.Expr))
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
			if onceCallback(c.pass.TypesInfo, cur) {
				return false // lazy initialisation: ordered before whatever follows the Once
			}
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

func (c *checker) report(acc inspector.Cursor, v *types.Var, uses []atomicUse, fact *atomicaccess.UsedAtomically) {
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
