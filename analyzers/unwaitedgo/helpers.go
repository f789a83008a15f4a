package unwaitedgo

import (
	"go/ast"
	"go/types"

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
	var diags []analysis.Diagnostic
	done := map[*ast.FuncDecl]bool{}
	for _, blk := range mainCFG.Blocks {
		if !blk.Live {
			continue
		}
		for i, n := range blk.Nodes {
			ast.Inspect(n, func(x ast.Node) bool {
				switch x := x.(type) {
				case *ast.FuncLit:
					return false
				case *ast.CallExpr:
					fd := decls[match.Callee(pass.TypesInfo, x)]
					if fd == nil || done[fd] || !containsGo(fd.Body) {
						return true
					}
					mainExit, ok := mc.unwaitedExit(blk, i)
					if !ok {
						return true
					}
					done[fd] = true
					c := &checker{pass: pass, file: files[fd], b: b, fd: fd, kind: kindMain, cfg: cfg.New(fd.Body, noret.MayReturn),
						nonBlockingComm: map[ast.Stmt]bool{}, via: &viaMain{call: x, exit: mainExit}}
					diags = append(diags, c.check()...)
				}
				return true
			})
		}
	}
	return diags
}

// viaMain is the call of a helper by main, after which main can end
// without waiting.
type viaMain struct {
	call *ast.CallExpr
	exit exitPoint
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
