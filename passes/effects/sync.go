package effects

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/goroutines"
)

// Locks reports whether body calls a Lock, RLock, TryLock or TryRLock
// method: its accesses may be serialised, which the rules do not try to
// prove or disprove.
func Locks(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && isLock(call) {
			found = true
		}
		return !found
	})
	return found
}

func isLock(call *ast.CallExpr) bool {
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		switch sel.Sel.Name {
		case "Lock", "RLock", "TryLock", "TryRLock":
			return true
		}
	}
	return false
}

// Acquires returns the operations of body that wait for another goroutine
// and may order what follows: receives, selects, ranges over channels,
// sync/atomic operations, and the waiting methods of sync and errgroup.
func Acquires(info *types.Info, body *ast.BlockStmt) []ast.Node {
	var acq []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && acquiresCall(info, call) || isAcquire(info, n) {
			acq = append(acq, n)
		}
		return true
	})
	return acq
}

// isAcquire reports whether n, not a call, waits for another goroutine.
func isAcquire(info *types.Info, n ast.Node) bool {
	switch x := n.(type) {
	case *ast.UnaryExpr:
		return x.Op == token.ARROW
	case *ast.SelectStmt:
		return true
	case *ast.RangeStmt:
		if t := info.TypeOf(x.X); t != nil {
			_, ok := t.Underlying().(*types.Chan)
			return ok
		}
	}
	return false
}

// acquiresCall reports whether call is a sync/atomic operation or a
// waiting method of sync or errgroup.
func acquiresCall(info *types.Info, call *ast.CallExpr) bool {
	fn := match.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "sync/atomic":
		return true
	case "sync", goroutines.ErrgroupPath:
		switch fn.Name() {
		case "Done", "Add", "Unlock", "RUnlock", "Signal", "Broadcast", "Go", "TryGo", "SetLimit", "Put", "New":
			return false
		}
		return true
	}
	return false
}

// SyncType reports whether t is a type of sync, sync/atomic or errgroup
// (or a pointer to one), which goroutines share by design.
func SyncType(t types.Type) bool {
	if t == nil {
		return false
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch n.Obj().Pkg().Path() {
	case "sync", "sync/atomic", goroutines.ErrgroupPath:
		return true
	}
	return false
}
