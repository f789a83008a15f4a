package atomicmix

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// readUnderWriteLock reports whether the plain read at acc holds a mutex
// that every atomic write to the variable in this package also holds: the
// writers are serialised by that mutex and the read cannot overlap them, a
// common design in which lock-free readers use atomic loads and code under
// the lock reads plainly. Locks are taken as held from a Lock or RLock call
// earlier in the same function; the mutex is identified by its variable or
// field.
func (c *checker) readUnderWriteLock(acc inspector.Cursor, uses []atomicUse) bool {
	held := c.locksBefore(acc, true)
	if len(held) == 0 {
		return false
	}
	writes := 0
	for _, u := range uses {
		if len(u.fn) >= 4 && u.fn[:4] == "Load" {
			continue
		}
		writes++
		shared := false
		for m := range c.locksBefore(u.cur, false) {
			if held[m] {
				shared = true
			}
		}
		if !shared {
			return false
		}
	}
	return writes > 0
}

// locksBefore returns the mutexes locked (with Lock, or also RLock when
// read is set) before cur in the function around it.
func (c *checker) locksBefore(cur inspector.Cursor, read bool) map[*types.Var]bool {
	fnCur, ok := enclosingFunc(cur)
	if !ok {
		return nil
	}
	info := c.pass.TypesInfo
	var held map[*types.Var]bool
	for callCur := range fnCur.Preorder((*ast.CallExpr)(nil)) {
		call := callCur.Node().(*ast.CallExpr)
		if call.Pos() >= cur.Node().Pos() {
			break
		}
		if call.End() > cur.Node().Pos() {
			continue // a call around cur
		}
		if f, ok := enclosingFunc(callCur); !ok || f != fnCur {
			continue
		}
		fn := match.Callee(info, call)
		if !match.Method(fn, "sync", "Mutex", "Lock") && !match.Method(fn, "sync", "RWMutex", "Lock") &&
			!(read && match.Method(fn, "sync", "RWMutex", "RLock")) {
			continue
		}
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		var mu *types.Var
		if s, ok := info.Selections[sel]; ok && len(s.Index()) > 1 {
			// s.Lock() through an embedded mutex: the embedded field.
			t := s.Recv()
			for _, idx := range s.Index()[:len(s.Index())-1] {
				st, ok := deref(t).Underlying().(*types.Struct)
				if !ok || idx >= st.NumFields() {
					mu = nil
					break
				}
				mu = st.Field(idx)
				t = mu.Type()
			}
		} else {
			mu, _ = match.ObjectOf(info, sel.X).(*types.Var)
		}
		if mu != nil {
			if held == nil {
				held = map[*types.Var]bool{}
			}
			held[mu.Origin()] = true
		}
	}
	return held
}
