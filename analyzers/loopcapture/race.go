package loopcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/effects"
)

// access is a use of a variable declared outside a goroutine's literal.
type access struct {
	v    *types.Var
	expr ast.Expr // the identifier, or the field selector written
	key  string   // the written variable or field path, for writes
	// mapWrite: an element of the map key is written (m[k] = v, m[k]++,
	// delete(m, k)); expr is that statement's target or call.
	mapWrite bool
	// callee, for a write made by a function the goroutine calls: expr is
	// the call, at where the callee writes (when known).
	callee *types.Func
	at     token.Pos
}

// mapWrite reports whether the map expression expr at cur is written
// through: assigned or incremented at an index, or passed to delete or
// clear. It returns the written element or the call.
func (c *checker) mapWrite(cur inspector.Cursor, expr ast.Expr) (ast.Expr, bool) {
	t := c.info.TypeOf(expr)
	if t == nil {
		return nil, false
	}
	if _, ok := t.Underlying().(*types.Map); !ok {
		return nil, false
	}
	switch cur.ParentEdgeKind() {
	case edge.IndexExpr_X:
		idx := unparen(cur.Parent())
		switch idx.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.IncDecStmt_X:
			return idx.Node().(ast.Expr), true
		}
	case edge.CallExpr_Args:
		call := cur.Parent().Node().(*ast.CallExpr)
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok && cur.ParentEdgeIndex() == 0 {
			if b, ok := c.info.Uses[id].(*types.Builtin); ok && (b.Name() == "delete" || b.Name() == "clear") {
				return call, true
			}
		}
	}
	return nil, false
}

// checkRaces reports, for the goroutine literal at litCur started inside
// loops, the variables it shares with the loop: read while the loop
// writes them, or written by all the goroutines the loop starts.
func (c *checker) checkRaces(litCur inspector.Cursor) {
	l := c.classify(litCur, nil)
	if !l.kind.goroutine() || !l.stmt.Valid() {
		return
	}
	lit := l.lit
	if lit.Body == nil || effects.Locks(lit.Body) {
		return
	}
	reads, writes := c.accesses(litCur, lit)
	writes = append(writes, c.litCallWrites(litCur, lit)...)
	// An access after the goroutine has waited for something (a receive,
	// an atomic operation, a Wait) may be ordered by it with the other
	// goroutines or the loop: a token ring, a release-acquire handshake.
	acq := effects.Acquires(c.info, lit.Body)
	reads = slices.DeleteFunc(reads, func(a access) bool { return preceded(lit.Body, acq, a.expr) })
	writes = slices.DeleteFunc(writes, func(a access) bool { return preceded(lit.Body, acq, a.expr) })
	c.reportLoopRaces(l, litCur.Parent(), reads, writes)
}

// reportLoopRaces reports, for each loop enclosing from (up to its
// function) that does not wait for the goroutine l in each iteration, the
// reads of variables that the loop writes and the writes of variables
// declared outside it.
func (c *checker) reportLoopRaces(l launch, from inspector.Cursor, reads, writes []access) {
	if len(reads) == 0 && len(writes) == 0 {
		return
	}
	var joins func(inspector.Cursor) bool
	done := map[string]bool{}
	for p := range from.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return
		case *ast.ForStmt, *ast.RangeStmt:
			if joins == nil {
				joins = c.joins(l)
			}
			if c.settled(l.stmt, n, joins) {
				continue
			}
			var loopWrites map[*types.Var]ast.Node
			for _, r := range reads {
				if inside(r.v.Pos(), n) || done["r "+r.v.Name()] || done["w "+r.v.Name()] {
					continue
				}
				if loopWrites == nil {
					loopWrites = c.loopWrites(p)
				}
				w := loopWrites[r.v]
				if w == nil {
					continue
				}
				done["r "+r.v.Name()] = true
				c.rep.ReportDiagnostic(analysis.Diagnostic{
					Pos:      r.expr.Pos(),
					End:      r.expr.End(),
					Category: CategoryRace,
					Message:  readRaceMessage(l, r.v.Name()),
					Related: []analysis.RelatedInformation{{
						Pos: w.Pos(), End: w.End(), Message: "the loop writes " + r.v.Name() + " here",
					}},
				})
			}
			for _, w := range writes {
				if inside(w.v.Pos(), n) || done["w "+w.key] {
					continue
				}
				if w.callee != nil {
					if loopWrites == nil {
						loopWrites = c.loopWrites(p)
					}
					if loopWrites[w.v] != nil {
						continue // each goroutine may get another object
					}
				}
				if w.callee != nil {
					at := fmt.Sprint("call ", w.expr.Pos())
					if done[at] {
						continue // one finding a call: its map write, else its first
					}
					done[at] = true
					done["w "+w.key] = true
					c.reportCallWrite(w)
					continue
				}
				done["w "+w.key] = true
				if w.mapWrite {
					c.rep.Report(w.expr, CategoryRace, mapWriteMessage(w.key))
					continue
				}
				c.rep.Report(w.expr, CategoryRace, writeRaceMessage(w.key, w.v))
			}
		}
	}
}

func readRaceMessage(l launch, name string) string {
	how := "pass " + name + " as an argument"
	if l.call == nil {
		how = "copy " + name + " into a variable declared inside the loop body and use that"
	}
	return fmt.Sprintf("goroutines started in this loop read %s while the loop writes it: a data race at any Go version, and a goroutine may see another iteration's value; %s", name, how)
}

func mapWriteMessage(key string) string {
	return fmt.Sprintf("goroutines started in this loop all write map %s without holding a lock: concurrent map writes stop the whole process with "+
		"\"fatal error: concurrent map writes\", which recover cannot catch; hold a mutex around every access to %s, or have each goroutine "+
		"send its result on a channel and write the map in one goroutine", key, key)
}

func writeRaceMessage(key string, v *types.Var) string {
	how := "hold a mutex around the assignment, send the results on a channel, or give each goroutine its own slot (results[i])"
	if types.Identical(v.Type(), types.Universe.Lookup("error").Type()) && key == v.Name() {
		how = "collect the errors with errgroup.Group (its Wait returns the first), a channel or a slice indexed per goroutine, or hold a mutex"
	}
	return fmt.Sprintf("goroutines started in this loop all assign %s without holding a lock: a data race at any Go version that keeps an arbitrary one of the values (or corrupts it); %s", key, how)
}

// preceded reports whether the access at e may come after one of the
// acquire operations acq of body: it follows one in the text, or a loop of
// the goroutine contains both.
func preceded(body *ast.BlockStmt, acq []ast.Node, e ast.Node) bool {
	if len(acq) == 0 {
		return false
	}
	for _, a := range acq {
		if a.Pos() < e.Pos() {
			return true
		}
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil || !(n.Pos() <= e.Pos() && e.Pos() < n.End()) {
			return false
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			for _, a := range acq {
				if n.Pos() <= a.Pos() && a.Pos() < n.End() {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// accesses returns the reads and the writes, in the literal at litCur, of
// variables declared outside it. Accesses inside nested literals that are
// not called on the spot (a sync.Once.Do callback, a handler) are left
// out: they run at other times, possibly serialised.
func (c *checker) accesses(litCur inspector.Cursor, lit *ast.FuncLit) (reads, writes []access) {
	seenRead := map[*types.Var]bool{}
	seenWrite := map[string]bool{}
	for idCur := range litCur.Preorder((*ast.Ident)(nil)) {
		id := idCur.Node().(*ast.Ident)
		v, _ := c.info.Uses[id].(*types.Var)
		if v == nil || v.IsField() || inside(v.Pos(), lit) || effects.SyncType(v.Type()) {
			continue
		}
		if c.inDeferredLit(idCur, lit) {
			continue
		}
		// The accessed expression: the variable or a field path of it.
		top := idCur
		for {
			top = unparen(top)
			if top.ParentEdgeKind() != edge.SelectorExpr_X {
				break
			}
			sel := top.Parent().Node().(*ast.SelectorExpr)
			if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
				break
			}
			top = top.Parent()
		}
		expr := top.Node().(ast.Expr)
		if w, ok := c.mapWrite(top, expr); ok {
			key := "map " + types.ExprString(expr)
			if !seenWrite[key] {
				seenWrite[key] = true
				writes = append(writes, access{v: v, expr: w, key: types.ExprString(expr), mapWrite: true})
			}
		}
		write := false
		switch top.ParentEdgeKind() {
		case edge.AssignStmt_Lhs:
			write = top.Parent().Node().(*ast.AssignStmt).Tok != token.DEFINE
		case edge.IncDecStmt_X:
			write = true
		case edge.UnaryExpr_X:
			if u := top.Parent().Node().(*ast.UnaryExpr); u.Op == token.AND && c.syncArg(top.Parent()) {
				continue // &n passed to sync/atomic
			}
		}
		if write && !effects.SyncType(c.info.TypeOf(expr)) {
			key := types.ExprString(expr)
			if !seenWrite[key] {
				seenWrite[key] = true
				writes = append(writes, access{v: v, expr: expr, key: key})
			}
			if expr == ast.Expr(id) {
				continue // a plain assignment does not read the variable
			}
		}
		if !seenRead[v] {
			seenRead[v] = true
			reads = append(reads, access{v: v, expr: id})
		}
	}
	return reads, writes
}

// inDeferredLit reports whether the identifier at idCur lies in a function
// literal nested in lit that is not called on the spot or deferred.
func (c *checker) inDeferredLit(idCur inspector.Cursor, lit *ast.FuncLit) bool {
	for p := range idCur.Enclosing((*ast.FuncLit)(nil)) {
		if p.Node() == ast.Node(lit) {
			return false
		}
		q := unparen(p)
		if q.ParentEdgeKind() != edge.CallExpr_Fun {
			return true
		}
	}
	return false
}

// syncArg reports whether the expression at cur is an argument of a
// function of sync or sync/atomic.
func (c *checker) syncArg(cur inspector.Cursor) bool {
	cur = unparen(cur)
	if cur.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	fn := match.Callee(c.info, cur.Parent().Node().(*ast.CallExpr))
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	p := fn.Pkg().Path()
	return p == "sync" || p == "sync/atomic"
}

// loopWrites returns the variables that the loop at loopCur assigns in its
// body, its post statement or its range clause, outside function literals,
// with the first such write.
func (c *checker) loopWrites(loopCur inspector.Cursor) map[*types.Var]ast.Node {
	w := map[*types.Var]ast.Node{}
	add := func(e ast.Expr) {
		if id, ok := astutil.Unparen(e).(*ast.Ident); ok {
			if v, ok := c.info.Uses[id].(*types.Var); ok && v != nil && w[v] == nil {
				w[v] = id
			}
		}
	}
	var nodes []ast.Node
	switch l := loopCur.Node().(type) {
	case *ast.ForStmt:
		nodes = []ast.Node{l.Body, l.Post}
	case *ast.RangeStmt:
		if l.Tok == token.ASSIGN {
			add(l.Key)
			add(l.Value)
		}
		nodes = []ast.Node{l.Body}
	}
	for _, n := range nodes {
		if n == nil || n == ast.Node((*ast.BlockStmt)(nil)) || n == ast.Node(ast.Stmt(nil)) {
			continue
		}
		ast.Inspect(n, func(n ast.Node) bool {
			switch s := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				if s.Tok != token.DEFINE {
					for _, lhs := range s.Lhs {
						add(lhs)
					}
				}
			case *ast.IncDecStmt:
				add(s.X)
			case *ast.RangeStmt:
				if s.Tok == token.ASSIGN {
					add(s.Key)
					add(s.Value)
				}
			}
			return true
		})
	}
	return w
}
