package unwaitedgo

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"

	"github.com/prodvet/prodvet/internal/match"
)

// ---- Synchronisation that tests use besides channels and Wait ----

// atomicFlags returns the variables and fields that the goroutines of the
// function's body set through sync/atomic (flag.Store(true),
// atomic.StoreInt32(&done, 1), n.Add(1)): a test that polls one of them in
// a loop, or through a callback it hands to a poller (require.Eventually),
// waits for the goroutine to reach that point.
func (c *checker) atomicFlags() map[types.Object]bool {
	flags := map[types.Object]bool{}
	ast.Inspect(c.fd.Body, func(n ast.Node) bool {
		gs, ok := n.(*ast.GoStmt)
		if !ok {
			return true
		}
		ast.Inspect(gs.Call, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if obj, store := c.atomicOp(call); obj != nil && store {
					flags[obj] = true
				}
			}
			return true
		})
		return false
	})
	return flags
}

// atomicOp returns the variable or field that call reads or writes through
// sync/atomic, and whether it writes it.
func (c *checker) atomicOp(call *ast.CallExpr) (types.Object, bool) {
	info := c.pass.TypesInfo
	fn := match.Callee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync/atomic" {
		return nil, false
	}
	name := fn.Name()
	store := !strings.HasPrefix(name, "Load")
	if fn.Type().(*types.Signature).Recv() != nil {
		// flag.Store(true), s.done.Load()
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		return flagObject(info, sel.X), store
	}
	// atomic.StoreInt32(&done, 1), atomic.LoadInt32(&done)
	if len(call.Args) == 0 {
		return nil, false
	}
	addr, ok := astutil.Unparen(call.Args[0]).(*ast.UnaryExpr)
	if !ok || addr.Op != token.AND {
		return nil, false
	}
	return flagObject(info, addr.X), store
}

// flagObject returns the variable or field that e names.
func flagObject(info *types.Info, e ast.Expr) types.Object {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.Uses[e].(*types.Var)
		if v == nil {
			return nil
		}
		return v
	case *ast.SelectorExpr:
		if s, ok := info.Selections[e]; ok && s.Kind() == types.FieldVal {
			return s.Obj()
		}
	case *ast.StarExpr:
		return flagObject(info, e.X)
	}
	return nil
}

// loadsFlag reports whether n reads one of the flags atomically.
func (c *checker) loadsFlag(n ast.Node) bool {
	if n == nil || len(c.flags) == 0 {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			if obj, store := c.atomicOp(call); obj != nil && !store && c.flags[obj] {
				found = true
			}
		}
		return !found
	})
	return found
}

// loopPollsFlag reports whether blk is the head of a for loop whose
// condition or body reads a flag: for !done.Load() { runtime.Gosched() }.
func (c *checker) loopPollsFlag(blk *cfg.Block) bool {
	s, ok := blk.Stmt.(*ast.ForStmt)
	if !ok {
		return false
	}
	// The head is the condition's block, or the body's in a loop without
	// condition.
	head := blk.Kind == cfg.KindForLoop || (s.Cond == nil && blk.Kind == cfg.KindForBody)
	return head && (c.loadsFlag(s.Cond) || c.loadsFlag(s.Body))
}

// pollsFlag reports whether the statement n hands a poller a function
// literal that reads a flag: require.Eventually(t, func() bool { return
// done.Load() }, time.Second, time.Millisecond).
func (c *checker) pollsFlag(n ast.Node) bool {
	if _, isGo := n.(*ast.GoStmt); isGo || len(c.flags) == 0 {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		for _, arg := range call.Args {
			if lit, ok := astutil.Unparen(arg).(*ast.FuncLit); ok && c.loadsFlag(lit.Body) {
				found = true
			}
		}
		return !found
	})
	return found
}

// mentionsConn reports whether n uses a connection or a listener value
// (see isConn) at all, handing it to a function included: go
// serveOne(t, srvConn) plays the peer of the test's client end.
func (c *checker) mentionsConn(n ast.Node) bool {
	if n == nil {
		return false
	}
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if v, ok := info.Uses[id].(*types.Var); ok && isConn(v.Type()) {
				found = true
			}
		}
		return !found
	})
	return found
}
