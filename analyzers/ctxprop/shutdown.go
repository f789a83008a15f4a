package ctxprop

import (
	"go/ast"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
)

// stopVerbs name the job of a shutdown or exit path. A function named
// with one of them first (Shutdown, Stop, closeAll, GracefulStop, onDrain)
// detaches on purpose: the request's context is being cancelled.
var stopVerbs = map[string]bool{
	"shutdown": true, "stop": true, "close": true, "drain": true, "terminate": true,
	"teardown": true, "cleanup": true, "halt": true, "quit": true, "exit": true,
}

// stopLead are words that may come before a stop verb: gracefulStop,
// onShutdown, handleClose, doDrain.
var stopLead = map[string]bool{
	"graceful": true, "on": true, "handle": true, "do": true, "begin": true,
	"start": true, "initiate": true, "trigger": true, "run": true,
}

// cleanupWords mark a name as cleanup-like when they occur anywhere in it
// (releaseAll, waitAndStop, flushOnExit): such a function may run after
// the request is gone, so a fix that hands it the caller's context could
// break it. Its findings are reported without a fix.
var cleanupWords = map[string]bool{
	"release": true, "disconnect": true, "flush": true, "finish": true, "dispose": true,
	"destroy": true, "kill": true, "abort": true, "rollback": true, "unregister": true,
	"deregister": true, "unsubscribe": true, "cancel": true, "closing": true, "stopping": true,
	"signal": true, "exiting": true, "shutting": true,
}

// nameWords splits a Go name into lowercase words at case changes and
// underscores; "clean up", "tear down" and "shut down" are joined.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	rs := []rune(name)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		switch {
		case r == '_':
			flush()
			continue
		case unicode.IsUpper(r) && i > 0:
			prevLower := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || (unicode.IsUpper(rs[i-1]) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	var out []string
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) {
			switch words[i] + words[i+1] {
			case "cleanup", "teardown", "shutdown":
				out = append(out, words[i]+words[i+1])
				i++
				continue
			}
		}
		out = append(out, words[i])
	}
	return out
}

// isStopName reports whether a function's name says its job is to shut
// down, stop, close or drain.
func isStopName(name string) bool {
	w := nameWords(name)
	for len(w) > 1 && stopLead[w[0]] {
		w = w[1:]
	}
	return len(w) > 0 && stopVerbs[w[0]]
}

// isCleanupLike reports whether a stop verb or a cleanup word occurs
// anywhere in a function's name.
func isCleanupLike(name string) bool {
	for _, w := range nameWords(name) {
		if stopVerbs[w] || cleanupWords[w] {
			return true
		}
	}
	return false
}

// hasStopWord reports whether a stop verb occurs anywhere in name: the
// name of a shutdown hook (RegisterOnShutdown, AddCloseHook, OnStop).
func hasStopWord(name string) bool {
	for _, w := range nameWords(name) {
		if stopVerbs[w] {
			return true
		}
	}
	return false
}

// funcNames yields the names of the functions enclosing cur, innermost
// first: a declaration's name, the variable a function literal is bound
// to, and for a literal passed as an argument, the callee's name (with
// hook set).
func (c *checker) funcNames(cur inspector.Cursor, yield func(name string, hook bool) bool) {
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			if !yield(n.Name.Name, false) {
				return
			}
		case *ast.FuncLit:
			e := p
			for e.ParentEdgeKind() == edge.ParenExpr_X {
				e = e.Parent()
			}
			switch e.ParentEdgeKind() {
			case edge.AssignStmt_Rhs:
				as := e.Parent().Node().(*ast.AssignStmt)
				if len(as.Lhs) == len(as.Rhs) {
					if name := exprName(as.Lhs[e.ParentEdgeIndex()]); name != "" && !yield(name, false) {
						return
					}
				}
			case edge.ValueSpec_Values:
				vs := e.Parent().Node().(*ast.ValueSpec)
				if i := e.ParentEdgeIndex(); i < len(vs.Names) && !yield(vs.Names[i].Name, false) {
					return
				}
			case edge.KeyValueExpr_Value:
				if name := exprName(e.Parent().Node().(*ast.KeyValueExpr).Key); name != "" && !yield(name, false) {
					return
				}
			case edge.CallExpr_Args:
				if fn := match.Callee(c.info, e.Parent().Node().(*ast.CallExpr)); fn != nil && !yield(fn.Name(), true) {
					return
				}
			}
		}
	}
}

// exprName returns the name an identifier or selector ends with.
func exprName(e ast.Expr) string {
	switch x := astutil.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return ""
}

// onShutdownPath reports whether the code at cur runs on a shutdown or
// exit path: in a function named for stopping (or a literal bound to such
// a name, or handed to a shutdown hook), or after a signal was received.
// The request's context is about to be, or already is, cancelled there:
// a fresh context is the point.
func (c *checker) onShutdownPath(cur inspector.Cursor) bool {
	stop := false
	c.funcNames(cur, func(name string, hook bool) bool {
		if hook && hasStopWord(name) || !hook && isStopName(name) {
			stop = true
		}
		return !stop
	})
	return stop || c.afterSignal(cur)
}

// inCleanupLike reports whether a function enclosing cur has a cleanup
// word anywhere in its name: the analyzer cannot tell whether it runs
// after the request, so its findings get no fix.
func (c *checker) inCleanupLike(cur inspector.Cursor) bool {
	found := false
	c.funcNames(cur, func(name string, _ bool) bool {
		found = isCleanupLike(name)
		return !found
	})
	return found
}

// afterSignal reports whether the code at cur runs after an OS signal was
// received: a statement before it, in an enclosing block, receives from a
// chan os.Signal (<-sigCh, or a select with such a case), or it is in the
// body of such a select case or of a range over such a channel.
func (c *checker) afterSignal(cur inspector.Cursor) bool {
	child := cur
	for p := cur.Parent(); p.Valid(); child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.File, *ast.FuncDecl:
			return false
		case *ast.CommClause:
			if child.ParentEdgeKind() == edge.CommClause_Body && c.recvSignal(n.Comm) {
				return true
			}
		case *ast.RangeStmt:
			if child.ParentEdgeKind() == edge.RangeStmt_Body && c.isSignalChan(n.X) {
				return true
			}
		case *ast.BlockStmt:
			if child.ParentEdgeKind() != edge.BlockStmt_List {
				continue
			}
			for _, st := range n.List[:child.ParentEdgeIndex()] {
				if c.recvSignal(st) {
					return true
				}
				if sel, ok := st.(*ast.SelectStmt); ok {
					for _, cc := range sel.Body.List {
						if cc, ok := cc.(*ast.CommClause); ok && c.recvSignal(cc.Comm) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// recvSignal reports whether st receives from a chan os.Signal.
func (c *checker) recvSignal(st ast.Stmt) bool {
	ch := match.Received(st)
	return ch != nil && c.isSignalChan(ch)
}

// isSignalChan reports whether e is a channel of os.Signal, the kind
// signal.Notify fills.
func (c *checker) isSignalChan(e ast.Expr) bool {
	t := c.info.TypeOf(e)
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && match.IsType(ch.Elem(), "os", "Signal")
}
