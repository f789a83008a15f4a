package driver_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/internal/driver"
)

type aFact struct{}

func (*aFact) AFact() {}

func TestNeedsFacts(t *testing.T) {
	withFacts := &analysis.Analyzer{Name: "withfacts", FactTypes: []analysis.Fact{new(aFact)}}
	plain := &analysis.Analyzer{Name: "plain"}
	requiring := &analysis.Analyzer{Name: "requiring", Requires: []*analysis.Analyzer{plain, withFacts}}
	if driver.NeedsFacts([]*analysis.Analyzer{plain}) {
		t.Error("plain analyzer: facts needed, want not")
	}
	if !driver.NeedsFacts([]*analysis.Analyzer{plain, withFacts}) {
		t.Error("analyzer with facts: not needed, want needed")
	}
	if !driver.NeedsFacts([]*analysis.Analyzer{requiring}) {
		t.Error("analyzer requiring one with facts: not needed, want needed")
	}
}

// A panic in any analyzer of the Requires closure, a shared helper
// included, is an error naming the analyzer and the package; Guard wraps
// each Run once however often it is called, from however many goroutines.
func TestGuard(t *testing.T) {
	calls, wrappers := 0, 0
	helper := &analysis.Analyzer{Name: "helper", Doc: "panics", Run: func(*analysis.Pass) (any, error) {
		calls++
		wrappers = guardFrames()
		panic("boom")
	}}
	rule := &analysis.Analyzer{Name: "rule", Doc: "requires helper", Requires: []*analysis.Analyzer{helper},
		Run: func(*analysis.Pass) (any, error) { return nil, nil }}

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { driver.Guard([]*analysis.Analyzer{rule}) })
	}
	wg.Wait()
	driver.Guard([]*analysis.Analyzer{rule, helper})

	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{Analyzer: helper, Fset: fset, Files: []*ast.File{f}, Pkg: types.NewPackage("example.com/p", "p")}
	_, err = helper.Run(pass)
	if err == nil || !strings.Contains(err.Error(), "internal error: helper panicked on package example.com/p: boom") {
		t.Errorf("panicking helper: error %v", err)
	}
	if calls != 1 || wrappers != 1 {
		t.Errorf("the helper's own Run ran %d times under %d guards, want once under 1", calls, wrappers)
	}
}

// guardFrames counts the guard wrappers on the stack of its caller.
func guardFrames() int {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	n := 0
	for {
		f, more := frames.Next()
		// driver.guard.func1, or driver.Guard.func1.guard.1 once inlined.
		if strings.HasPrefix(f.Function, "github.com/prodvet/prodvet/internal/driver.") && strings.Contains(f.Function, ".guard.") {
			n++
		}
		if !more {
			return n
		}
	}
}
