package loopcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/effects"
)

// writesOf returns the unlocked writes of fn, from the effects pass.
func (c *checker) writesOf(fn *types.Func) []effects.Write {
	if s := c.effects.Of(fn); s != nil {
		return s.Writes
	}
	return nil
}

// callWrites returns the writes that call makes, through the callee's
// summary, to variables declared outside the function literal lit (nil
// for a go statement's own call): its receiver or argument must be such a
// variable, or a field path of one.
func (c *checker) callWrites(call *ast.CallExpr, lit *ast.FuncLit) []access {
	fn := match.Callee(c.info, call)
	ws := c.writesOf(fn)
	if len(ws) == 0 {
		return nil
	}
	recv, args, sel := effects.CallArgs(c.info, call)
	var out []access
	for _, w := range ws {
		var base ast.Expr
		prefix := ""
		switch {
		case w.Param == -2:
			v, _ := fn.Pkg().Scope().Lookup(w.Path).(*types.Var)
			if v == nil {
				continue
			}
			out = append(out, access{v: v, expr: call, key: c.qualify(v), callee: fn, at: w.Pos})
			continue
		case w.Param == -1:
			if recv == nil || !w.Map && !effects.PointerReceiver(sel) {
				continue // a value receiver writes its own copy, except through maps
			}
			base, prefix = recv, embeddedPath(sel)
		default:
			if w.Param >= len(args) || call.Ellipsis.IsValid() {
				continue
			}
			base = args[w.Param]
		}
		if u, ok := astutil.Unparen(base).(*ast.UnaryExpr); ok && u.Op == token.AND {
			base = u.X
		}
		v, _, ok := effects.FieldPath(c.info, base)
		if !ok || v.IsField() || (lit != nil && inside(v.Pos(), lit)) {
			continue
		}
		out = append(out, access{v: v, expr: call, key: types.ExprString(astutil.Unparen(base)) + prefix + w.Path, mapWrite: w.Map, callee: fn, at: w.Pos})
	}
	// A concurrent map write is the worst: it kills the process.
	sort.SliceStable(out, func(i, j int) bool { return out[i].mapWrite && !out[j].mapWrite })
	return out
}

// embeddedPath returns the embedded fields through which the method of s
// is promoted: ".Base" for x.Base.m() written x.m().
func embeddedPath(s *types.Selection) string {
	idx := s.Index()
	t := s.Recv()
	p := ""
	for _, i := range idx[:len(idx)-1] {
		if ptr, ok := t.Underlying().(*types.Pointer); ok {
			t = ptr.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return p
		}
		p += "." + st.Field(i).Name()
		t = st.Field(i).Type()
	}
	return p
}

func (c *checker) qualify(v *types.Var) string {
	if v.Pkg() == c.pass.Pkg {
		return v.Name()
	}
	return v.Pkg().Name() + "." + v.Name()
}

// litCallWrites returns the writes made by the calls that the goroutine
// literal makes directly in its body (not in nested literals).
func (c *checker) litCallWrites(litCur inspector.Cursor, lit *ast.FuncLit) []access {
	var out []access
	for cur := range litCur.Preorder((*ast.CallExpr)(nil)) {
		if c.inDeferredLit(cur, lit) {
			continue
		}
		out = append(out, c.callWrites(cur.Node().(*ast.CallExpr), lit)...)
	}
	return out
}

// checkGoCall reports the writes that the function of a go statement in
// a loop makes to what all the goroutines share: go w.process(item), with
// process assigning a field of w.
func (c *checker) checkGoCall(goCur inspector.Cursor) {
	gs := goCur.Node().(*ast.GoStmt)
	if _, isLit := astutil.Unparen(gs.Call.Fun).(*ast.FuncLit); isLit {
		return // checkRaces
	}
	writes := c.callWrites(gs.Call, nil)
	if len(writes) == 0 {
		return
	}
	c.reportLoopRaces(launch{kind: kindGo, stmt: goCur, call: gs.Call}, goCur, nil, writes)
}

func (c *checker) reportCallWrite(w access) {
	name := effects.CallName(c.info, c.pass.Pkg, w.expr.(*ast.CallExpr), w.callee)
	what := "assigns " + w.key
	if w.mapWrite {
		what = "writes map " + w.key
	}
	msg := fmt.Sprintf("goroutines started in this loop all call %s, which %s without holding a lock: ", name, what)
	if w.mapWrite {
		msg += "concurrent map writes stop the whole process with \"fatal error: concurrent map writes\", which recover cannot catch; " +
			"hold a mutex around every access to " + w.key + " (in " + w.callee.Name() + "), or have each goroutine send its result on a channel"
	} else {
		msg += "a data race at any Go version that keeps an arbitrary one of the values (or corrupts it); hold a mutex in " + w.callee.Name() +
			", use a sync/atomic type, or give each goroutine its own value"
	}
	d := analysis.Diagnostic{Pos: w.expr.Pos(), End: w.expr.End(), Category: CategoryRace, Message: msg}
	if w.at.IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: w.at, End: w.at, Message: w.callee.Name() + " writes it here, with no lock"}}
	}
	c.rep.ReportDiagnostic(d)
}
