// Package noreturn decides, once for the suite, which calls never return
// and how they end: the builtin panic, one list of process and goroutine
// exits matched by symbol, and the functions whose every path ends in one
// of those, which it exports as facts so that callers in other packages
// see them (a helper that always calls log.Fatal, say).
//
// It computes what ctrlflow's noReturn facts say, with the kind of end
// added, and runs despite type errors, which ctrlflow does not, so that
// rules that run on broken packages may require it.
//
// Analyzers that guessed by name (any Exit or Fatal in any package) were
// wrong both ways: klog.Exit ends the process, a Fatal method of a test
// double does not.
package noreturn

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"

	"github.com/prodvet/prodvet/internal/match"
)

// Analyzer computes a *Result and exports a *Fact for each function of
// the package that never returns; it reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "noreturn",
	Doc:        "noreturn: find the calls that never return",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(Fact)},
	// Rules that run despite type errors need it too.
	RunDespiteErrors: true,
}

// Kind says how a call ends.
type Kind int

const (
	Unknown Kind = iota + 1 // never returns, by paths that end differently
	Panic                   // panics: a deferred recover may stop it
	Goexit                  // ends the goroutine (runtime.Goexit, t.FailNow)
	Exit                    // ends the process (os.Exit, log.Fatal)
)

func (k Kind) String() string {
	switch k {
	case Unknown:
		return "noreturn"
	case Panic:
		return "panic"
	case Goexit:
		return "goexit"
	case Exit:
		return "exit"
	}
	return "returns"
}

// Fact is the fact that a function never returns, and how it ends.
type Fact struct{ Kind Kind }

func (*Fact) AFact() {}

func (f *Fact) String() string { return "noreturn(" + f.Kind.String() + ")" }

// Result answers for the calls of the package analysed. It keeps the pass
// to import the facts of callees in other packages.
type Result struct {
	pass  *analysis.Pass
	decls map[*types.Func]*ast.FuncDecl
	kinds map[*types.Func]Kind // this package's functions, once decided
	busy  map[*types.Func]bool // being decided: recursion returns
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, decls: map[*types.Func]*ast.FuncDecl{}, kinds: map[*types.Func]Kind{}, busy: map[*types.Func]bool{}}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					r.decls[fn] = fd
				}
			}
		}
	}
	for fn := range r.decls {
		if k := r.funcKind(fn); k != 0 {
			pass.ExportObjectFact(fn, &Fact{Kind: k})
		}
	}
	return r, nil
}

// Call reports whether call never returns, and how it ends.
func (r *Result) Call(call *ast.CallExpr) (Kind, bool) {
	if r == nil || call == nil {
		return 0, false
	}
	info := r.pass.TypesInfo
	if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "panic" {
				return Panic, true
			}
			return 0, false
		}
	}
	k := r.funcKind(match.Callee(info, call))
	return k, k != 0
}

// MayReturn is Call's negation, in the form cfg.New wants.
func (r *Result) MayReturn(call *ast.CallExpr) bool {
	_, never := r.Call(call)
	return !never
}

// funcKind returns how a call of fn ends, 0 if it may return.
func (r *Result) funcKind(fn *types.Func) Kind {
	if fn == nil {
		return 0
	}
	if k := Listed(fn); k != 0 {
		return k
	}
	if fn.Pkg() != r.pass.Pkg {
		var f Fact
		if r.pass.ImportObjectFact(fn, &f) {
			return f.Kind
		}
		return 0
	}
	if k, ok := r.kinds[fn]; ok {
		return k
	}
	fd := r.decls[fn]
	if fd == nil || r.busy[fn] || hasReturn(fd.Body) {
		return 0
	}
	r.busy[fn] = true
	k := r.bodyKind(fd.Body)
	delete(r.busy, fn)
	r.kinds[fn] = k
	return k
}

// bodyKind returns how body ends if it never returns: the kind shared by
// every call that ends a path, Unknown if they differ, 0 if it returns.
func (r *Result) bodyKind(body *ast.BlockStmt) Kind {
	g := cfg.New(body, r.MayReturn)
	if !g.NoReturn() {
		return 0
	}
	var k Kind
	for _, b := range g.Blocks {
		if !b.Live || len(b.Succs) > 0 || len(b.Nodes) == 0 {
			continue
		}
		es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, _ := astutil.Unparen(es.X).(*ast.CallExpr)
		if ck, never := r.Call(call); never {
			if k != 0 && k != ck {
				return Unknown
			}
			k = ck
		}
	}
	if k == 0 {
		k = Unknown // for {} or select {}
	}
	return k
}

// hasReturn reports whether body has a return statement outside function
// literals: the cheap test that spares building most graphs.
func hasReturn(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

type entry struct {
	pkg, recv string // recv is "" for a package-level function
	kind      Kind
	names     []string
}

// exits is the one list of functions that never return by nature or whose
// end cannot be inferred from their code (interface methods, logging
// libraries that exit through a function variable). It covers ctrlflow's
// own list.
var exits = []entry{
	{"os", "", Exit, []string{"Exit"}},
	{"syscall", "", Exit, []string{"Exit", "ExitProcess"}},
	{"runtime", "", Goexit, []string{"Goexit"}},
	{"log", "", Exit, []string{"Fatal", "Fatalf", "Fatalln"}},
	{"log", "Logger", Exit, []string{"Fatal", "Fatalf", "Fatalln"}},
	{"log", "", Panic, []string{"Panic", "Panicf", "Panicln"}},
	{"log", "Logger", Panic, []string{"Panic", "Panicf", "Panicln"}},
	// t.FailNow and what calls it end the test's goroutine with Goexit;
	// T, B and F inherit these from common.
	{"testing", "common", Goexit, testStops},
	{"testing", "TB", Goexit, testStops},
	{"go.uber.org/zap", "Logger", Exit, []string{"Fatal"}},
	{"go.uber.org/zap", "Logger", Panic, []string{"Panic"}},
	{"go.uber.org/zap", "SugaredLogger", Exit, []string{"Fatal", "Fatalf", "Fatalw", "Fatalln"}},
	{"go.uber.org/zap", "SugaredLogger", Panic, []string{"Panic", "Panicf", "Panicw", "Panicln"}},
	{"github.com/sirupsen/logrus", "", Exit, []string{"Exit", "Fatal", "Fatalf", "Fatalln"}},
	{"github.com/sirupsen/logrus", "Logger", Exit, []string{"Exit", "Fatal", "Fatalf", "Fatalln"}},
	{"github.com/sirupsen/logrus", "Entry", Exit, []string{"Fatal", "Fatalf", "Fatalln"}},
	{"github.com/sirupsen/logrus", "", Panic, []string{"Panic", "Panicf", "Panicln"}},
	{"github.com/sirupsen/logrus", "Logger", Panic, []string{"Panic", "Panicf", "Panicln"}},
	{"github.com/sirupsen/logrus", "Entry", Panic, []string{"Panic", "Panicf", "Panicln"}},
	{"k8s.io/klog", "", Exit, klogExits},
	{"k8s.io/klog/v2", "", Exit, klogExits},
	{"github.com/golang/glog", "", Exit, klogExits},
}

var (
	testStops = []string{"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"}
	klogExits = []string{"Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln"}
)

// Listed returns how fn ends if it is in the list of exits, 0 otherwise.
func Listed(fn *types.Func) Kind {
	if fn == nil || fn.Pkg() == nil {
		return 0
	}
	path := fn.Pkg().Path()
	for _, e := range exits {
		if e.pkg != path {
			continue
		}
		for _, name := range e.names {
			if e.recv == "" && match.Func(fn, path, name) || e.recv != "" && match.Method(fn, path, e.recv, name) {
				return e.kind
			}
		}
	}
	return 0
}
