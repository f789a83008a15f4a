package unwaitedgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/blocking"
	"github.com/prodvet/prodvet/passes/noreturn"
)

// helpersOfMain checks, as main itself, the functions of package main that
// main calls and then can end without waiting:
// func main() { if err := run(); err != nil { log.Fatal(err) } } makes
// run's unwaited goroutines main's.
func helpersOfMain(pass *analysis.Pass, b *blocking.Result, noret *noreturn.Result) []analysis.Diagnostic {
	var mainDecl *ast.FuncDecl
	var mainFile *ast.File
	decls := map[*types.Func]*ast.FuncDecl{}
	files := map[*ast.FuncDecl]*ast.File{}
	for _, f := range pass.Files {
		if report.InTestFile(pass.Fset, f.FileStart) {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv != nil || fd.Type.TypeParams != nil {
				continue
			}
			if fd.Name.Name == "main" {
				mainDecl, mainFile = fd, f
				continue
			}
			if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				decls[fn] = fd
				files[fd] = f
			}
		}
	}
	if mainDecl == nil {
		return nil
	}
	mainCFG := cfg.New(mainDecl.Body, noret.MayReturn)
	mc := &checker{pass: pass, file: mainFile, b: b, fd: mainDecl, kind: kindMain, cfg: mainCFG, nonBlockingComm: map[ast.Stmt]bool{}}
	if mc.waitsAtExit() {
		return nil
	}
	h := &helpers{pass: pass, b: b, noret: noret, decls: decls, files: files, done: map[*ast.FuncDecl]bool{}, startsGo: map[*ast.FuncDecl]bool{}}
	h.scan(mc, nil, 0)
	return h.diags
}

// helpers walks down from main through the helpers it calls.
type helpers struct {
	pass     *analysis.Pass
	b        *blocking.Result
	noret    *noreturn.Result
	decls    map[*types.Func]*ast.FuncDecl
	files    map[*ast.FuncDecl]*ast.File
	done     map[*ast.FuncDecl]bool
	startsGo map[*ast.FuncDecl]bool // memo of reachesGo; false while in progress
	diags    []analysis.Diagnostic
}

// maxHelperDepth bounds how far below main helpers are followed.
const maxHelperDepth = 3

// scan checks the helpers that the function of c calls, after which it can
// end without waiting, and their helpers in turn. via is how c's function
// is reached from main (nil for main itself).
func (h *helpers) scan(c *checker, via *viaMain, depth int) {
	for _, blk := range c.cfg.Blocks {
		if !blk.Live {
			continue
		}
		for i, n := range blk.Nodes {
			ast.Inspect(n, func(x ast.Node) bool {
				switch x := x.(type) {
				case *ast.FuncLit:
					return false
				case *ast.CallExpr:
					fd := h.decls[match.Callee(h.pass.TypesInfo, x)]
					if fd == nil || h.done[fd] || !h.reachesGo(fd, 0) {
						return true
					}
					exit, ok := c.unwaitedExit(blk, i)
					if !ok {
						return true
					}
					h.done[fd] = true
					hc := &checker{pass: h.pass, file: h.files[fd], b: h.b, fd: fd, kind: kindMain, cfg: cfg.New(fd.Body, h.noret.MayReturn),
						nonBlockingComm: map[ast.Stmt]bool{}, via: &viaMain{call: x, exit: exit, caller: c.fd.Name.Name, parent: via}}
					h.diags = append(h.diags, hc.check()...)
					if depth+1 < maxHelperDepth && !hc.waitsAtExit() {
						h.scan(hc, hc.via, depth+1)
					}
				}
				return true
			})
		}
	}
}

// reachesGo reports whether fd has a go statement, or calls a helper of
// the package that does, within the depth bound.
func (h *helpers) reachesGo(fd *ast.FuncDecl, depth int) bool {
	if got, ok := h.startsGo[fd]; ok {
		return got
	}
	if containsGo(fd.Body) {
		h.startsGo[fd] = true
		return true
	}
	if depth+1 >= maxHelperDepth {
		return false
	}
	h.startsGo[fd] = false
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if callee := h.decls[match.Callee(h.pass.TypesInfo, n)]; callee != nil && callee != fd && h.reachesGo(callee, depth+1) {
				found = true
			}
		}
		return !found
	})
	h.startsGo[fd] = found
	return found
}

// viaMain is the call of a helper by main, or by a helper of main, after
// which the caller can end without waiting.
type viaMain struct {
	call   *ast.CallExpr
	exit   exitPoint
	caller string   // the function that makes the call
	parent *viaMain // how the caller is reached from main; nil for main
}

type funcKind int

const (
	kindMain funcKind = iota
	kindTest
)

// waitsAtExit reports whether a deferred call of the function waits.
func (c *checker) waitsAtExit() bool {
	waits := false
	ast.Inspect(c.fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if c.b.Walk(n.Call) {
				waits = true
			}
		}
		return !waits
	})
	return waits
}

// chain tells how the helper fname is reached from main and that its
// callers then end: "main, which calls run at line 12, then returns
// without waiting for it", or, deeper, "its callers then end without
// waiting for it (run calls start at line 20 and then returns; main calls
// run at line 12 and then returns)".
func (v *viaMain) chain(fset *token.FileSet, fname string) string {
	ends := func(v *viaMain) string {
		if v.exit.osExit {
			return "calls os.Exit(0)"
		}
		return "returns"
	}
	if v.parent == nil {
		return fmt.Sprintf("%s, which calls %s at line %d, then %s without waiting for it", v.caller, fname, fset.Position(v.call.Pos()).Line, ends(v))
	}
	var parts []string
	for ; v != nil; v, fname = v.parent, v.caller {
		parts = append(parts, fmt.Sprintf("%s calls %s at line %d and then %s", v.caller, fname, fset.Position(v.call.Pos()).Line, ends(v)))
	}
	return "its callers then end without waiting for it (" + strings.Join(parts, "; ") + ")"
}
