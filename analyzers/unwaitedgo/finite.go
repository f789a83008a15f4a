package unwaitedgo

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/match"
)

// finiteness decides whether a goroutine does a finite job: no loop that
// may run forever, no waiting, no sleeping, no timers, no goroutines of
// its own, no calls of code it cannot see. Such a goroutine is not a
// background service that the exit is meant to stop.
type finiteness struct {
	c        *checker
	visiting map[*ast.FuncDecl]bool
}

func (f *finiteness) finite(body *ast.BlockStmt) bool {
	info := f.c.pass.TypesInfo
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.BadExpr, *ast.BadStmt, *ast.GoStmt, *ast.SelectStmt:
			ok = false
		case *ast.ForStmt:
			if n.Cond == nil {
				ok = false // for { ... }: a loop that runs until told to stop
			}
		case *ast.RangeStmt:
			if f.c.b.RangeOver(n, true) {
				ok = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.CallExpr:
			ok = f.call(info, n)
		}
		return ok
	})
	return ok
}

// call reports whether the call keeps the goroutine's job finite.
func (f *finiteness) call(info *types.Info, call *ast.CallExpr) bool {
	fun := astutil.Unparen(call.Fun)
	if _, isLit := fun.(*ast.FuncLit); isLit {
		return true // its body is inspected as part of the goroutine's
	}
	if tv, ok := info.Types[fun]; ok && tv.IsType() {
		return true // a conversion
	}
	if id, ok := fun.(*ast.Ident); ok {
		if _, ok := info.Uses[id].(*types.Builtin); ok {
			return true
		}
	}
	fn := match.Callee(info, call)
	if fn == nil {
		return false // a function value
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "time" {
		switch fn.Name() {
		case "Sleep", "Tick", "NewTicker", "After", "AfterFunc", "NewTimer":
			return false // paced or delayed: a background loop or a timer
		}
	}
	if match.Func(fn, "os/signal", "Notify") || match.Func(fn, "os/signal", "NotifyContext") {
		return false
	}
	if f.c.b.FuncWaits(fn) {
		return false
	}
	if fd := f.c.b.Decl(fn); fd != nil {
		if fd.Body == nil || f.visiting[fd] {
			return false // assembly, or recursion
		}
		f.visiting[fd] = true
		defer delete(f.visiting, fd)
		return f.finite(fd.Body)
	}
	return true
}
