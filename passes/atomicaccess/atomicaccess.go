// Package atomicaccess finds the package-level variables and struct fields
// whose address is passed to a sync/atomic function, such as
// atomic.AddInt64(&c.hits, 1). A plain access to such a variable races with
// the atomic ones, and the two are often in different packages, so the pass
// exports a fact for each one that other packages can reach and offers,
// through its Result, both this package's atomic accesses and the facts of
// imported variables. It reports nothing.
//
// Test files are ignored: their accesses are ordered by happens-before
// edges (wg.Wait, setup before the code under test) that rules cannot see.
// So are the fields of struct types whose doc comment excludes concurrent
// use ("not thread-safe", "not safe for concurrent use"): their contract
// leaves the atomic operations nothing to protect.
package atomicaccess

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
)

// Analyzer computes a *Result and exports UsedAtomically facts.
var Analyzer = &analysis.Analyzer{
	Name:       "atomicaccess",
	Doc:        "find the variables and fields accessed with sync/atomic functions",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(UsedAtomically)},
}

const syncAtomic = "sync/atomic"

// funcs are the functions of sync/atomic whose first argument points to the
// variable they access.
var funcs = func() map[string]bool {
	m := map[string]bool{}
	for _, op := range []string{"Add", "And", "Or", "Load", "Store", "Swap", "CompareAndSwap"} {
		for _, t := range []string{"Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Pointer"} {
			m[op+t] = true
		}
	}
	return m
}()

// FuncNames returns the names of the sync/atomic functions whose first
// argument points to the variable they access (AddInt64, LoadPointer, ...).
func FuncNames() map[string]bool { return maps.Clone(funcs) }

// IsWrite reports whether the sync/atomic function named name writes the
// variable: every one but the Loads.
func IsWrite(name string) bool { return !strings.HasPrefix(name, "Load") }

// IsFunc reports whether fn is one of the functions of FuncNames.
func IsFunc(fn *types.Func) bool {
	return fn != nil && funcs[fn.Name()] && match.Func(fn, syncAtomic, fn.Name())
}

// UsedAtomically marks an exported package-level variable, or an exported
// field of a type that other packages can name, whose address its own
// package passes to a sync/atomic function.
type UsedAtomically struct {
	Func string // the first atomic function, such as "AddInt64"
	At   string // file base name and line of that call, "counter.go:12"
	// Paths are the distinct access paths of the atomic uses (see
	// Result.Path), such as ["example.com/p.Pool.stats"
	// "example.com/p.Stats.Hits"] for &p.stats.Hits.
	Paths [][]string
	// Writes: some atomic use writes (Add, Store, Swap, CompareAndSwap,
	// And, Or); when none does, a plain read races with none of them.
	Writes bool
}

func (*UsedAtomically) AFact() {}

func (f *UsedAtomically) String() string {
	paths := make([]string, len(f.Paths))
	for i, p := range f.Paths {
		paths[i] = FormatPath(p)
	}
	return "atomic." + f.Func + " at " + f.At + " via " + strings.Join(paths, " ")
}

// FormatPath renders an access path for tests and messages: each element
// without its package path, joined by "/" ("p.Pool.stats/p.Stats.Hits").
func FormatPath(path []string) string {
	short := make([]string, len(path))
	for i, e := range path {
		short[i] = e[strings.LastIndex(e, "/")+1:]
	}
	return strings.Join(short, "/")
}

// Access is one call of a sync/atomic function on a variable of this
// package's non-test files.
type Access struct {
	Call inspector.Cursor // the call, in the inspect.Analyzer's inspector
	Func string           // the function, such as "AddInt64"
	File string           // base name of the call's file
	Line int
	Path []string // access path of the operand, see Result.Path
}

// Result holds the atomic accesses of one package and looks up the facts
// of imported variables.
type Result struct {
	pass     *analysis.Pass
	files    []inspector.Cursor // non-test files
	accesses map[*types.Var][]Access
	imported bool // whether any dependency exported a fact

	mu         sync.Mutex              // guards provenance: Results are shared by concurrent analyzers
	provenance map[*types.Var][]string // Path's answer for local variables
}

// Accesses returns the atomic accesses to v (the origin of a field of a
// generic type) in this package, in source order.
func (r *Result) Accesses(v *types.Var) []Access { return r.accesses[v] }

// All yields each variable accessed atomically in this package with its
// accesses, in no particular order.
func (r *Result) All() iter.Seq2[*types.Var, []Access] { return maps.All(r.accesses) }

// HasImported reports whether any dependency has a variable with a fact:
// if not, Imported always returns nil.
func (r *Result) HasImported() bool { return r.imported }

// Imported returns the fact of v, a variable of another package (the
// origin of a field of a generic type), or nil.
func (r *Result) Imported(v *types.Var) *UsedAtomically {
	if !r.imported || v.Pkg() == nil || v.Pkg() == r.pass.Pkg {
		return nil
	}
	f := new(UsedAtomically)
	if !r.pass.ImportObjectFact(v, f) {
		return nil
	}
	return f
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{
		pass:       pass,
		accesses:   map[*types.Var][]Access{},
		imported:   len(pass.AllObjectFacts()) > 0, // before this package exports any
		provenance: map[*types.Var][]string{},
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	for fileCur := range root.Children() {
		if !report.InTestFile(pass.Fset, fileCur.Node().(*ast.File).FileStart) {
			r.files = append(r.files, fileCur)
		}
	}
	if !match.Imports(pass.Pkg, syncAtomic) {
		return r, nil
	}
	single := singleGoroutineFields(pass)
	for _, fileCur := range r.files {
		r.collect(fileCur, single)
	}
	r.exportFacts()
	return r, nil
}

// notConcurrent matches the doc comments that exclude concurrent use of a
// type: "It is NOT thread-safe", "not safe for concurrent use", "must not
// be used concurrently".
var notConcurrent = regexp.MustCompile(`(?i)\bnot\s+(thread|goroutine|concurrency)[- ]?safe\b|\bnot\s+safe\s+for\s+concurrent\b|\b(must|should)\s+not\s+be\s+used\s+concurrently\b`)

// singleGoroutineFields returns the fields of the package's struct types
// whose doc comment excludes concurrent use: an atomic operation on one
// of them protects nothing the type's contract allows, so a plain access
// races with none (ristretto's z.Buffer loads its offset atomically but
// "is NOT thread-safe").
func singleGoroutineFields(pass *analysis.Pass) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				if doc == nil || !notConcurrent.MatchString(doc.Text()) {
					continue
				}
				tn, _ := pass.TypesInfo.Defs[ts.Name].(*types.TypeName)
				if tn == nil {
					continue
				}
				if st, ok := tn.Type().Underlying().(*types.Struct); ok {
					for fv := range st.Fields() {
						out[fv] = true
					}
				}
			}
		}
	}
	return out
}

// collect records the calls of sync/atomic functions whose first argument
// is &v or &x.f (possibly converted through unsafe.Pointer).
func (r *Result) collect(fileCur inspector.Cursor, single map[*types.Var]bool) {
	info := r.pass.TypesInfo
	for cur := range fileCur.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := match.Callee(info, call)
		if !IsFunc(fn) || len(call.Args) == 0 {
			continue
		}
		v, operand := addressed(info, call.Args[0])
		if v == nil || single[v.Origin()] {
			continue
		}
		p := r.pass.Fset.Position(call.Pos())
		r.accesses[v] = append(r.accesses[v], Access{
			Call: cur, Func: fn.Name(), File: filepath.Base(p.Filename), Line: p.Line,
			Path: r.pathKey(operand, 0),
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
func (r *Result) exportFacts() {
	var fields map[*types.Var]bool
	for v, uses := range r.accesses {
		if v.Pkg() != r.pass.Pkg || !v.Exported() {
			continue
		}
		if v.IsField() {
			if fields == nil {
				fields = reachableFields(r.pass.Pkg)
			}
			if !fields[v] {
				continue
			}
		} else if v.Parent() != r.pass.Pkg.Scope() {
			continue
		}
		u := uses[0]
		fact := &UsedAtomically{Func: u.Func, At: fmt.Sprintf("%s:%d", u.File, u.Line)}
		for _, u := range uses {
			if !slices.ContainsFunc(fact.Paths, func(p []string) bool { return slices.Equal(p, u.Path) }) {
				fact.Paths = append(fact.Paths, u.Path)
			}
			fact.Writes = fact.Writes || IsWrite(u.Func)
		}
		r.pass.ExportObjectFact(v, fact)
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
		t = deref(t)
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
			ft := deref(f.Type())
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

func deref(t types.Type) types.Type {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return types.Unalias(p.Elem())
	}
	return t
}
