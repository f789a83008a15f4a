package readcontract

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/fixes"
	"github.com/prodvet/prodvet/internal/locals"
	"github.com/prodvet/prodvet/internal/match"
)

// ---- short read: _, err := r.Read(buf); use(buf) ----

// bufVar is the variable whose contents a Read destination shows: buf in
// buf, buf[:], buf[i:j]; or the field f of the variable x in x.f, x.f[:].
type bufVar struct {
	v     *types.Var // buf or x
	field *types.Var // f, or nil
}

func (c *checker) bufVarOf(e ast.Expr) (bufVar, bool) {
	e = astutil.Unparen(e)
	for {
		s, ok := e.(*ast.SliceExpr)
		if !ok {
			break
		}
		e = astutil.Unparen(s.X)
	}
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		return bufVar{v: v}, ok && v != nil
	case *ast.SelectorExpr:
		x, ok := astutil.Unparen(e.X).(*ast.Ident)
		if !ok {
			return bufVar{}, false
		}
		v, _ := c.info.Uses[x].(*types.Var)
		sel := c.info.Selections[e]
		if v == nil || sel == nil || sel.Kind() != types.FieldVal {
			return bufVar{}, false
		}
		f, _ := sel.Obj().(*types.Var)
		return bufVar{v: v, field: f}, f != nil
	}
	return bufVar{}, false
}

// is reports whether e denotes the variable b itself.
func (c *checker) is(e ast.Expr, b bufVar) bool {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		return b.field == nil && c.info.Uses[e] == b.v
	case *ast.SelectorExpr:
		if b.field == nil {
			return false
		}
		x, ok := astutil.Unparen(e.X).(*ast.Ident)
		sel := c.info.Selections[e]
		return ok && c.info.Uses[x] == b.v && sel != nil && sel.Obj() == b.field
	}
	return false
}

// rooted reports whether e is b or a slice of it.
func (c *checker) rooted(e ast.Expr, b bufVar) bool {
	e = astutil.Unparen(e)
	for {
		s, ok := e.(*ast.SliceExpr)
		if !ok {
			break
		}
		e = astutil.Unparen(s.X)
	}
	return c.is(e, b)
}

// findUse looks in n, in source order, for the first read of the contents
// of b. stop is true when b is overwritten or refilled first (it is
// assigned, or read into again), after which its old contents no longer
// matter.
func (c *checker) findUse(n ast.Node, b bufVar) (use ast.Node, stop bool) {
	if n == nil {
		return nil, false
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if use != nil || stop {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if use, stop = c.findUse(r, b); use != nil || stop {
					return false
				}
			}
			for _, l := range n.Lhs {
				if c.is(l, b) {
					stop = true // buf = ...: a new buffer
					return false
				}
				if ix, ok := astutil.Unparen(l).(*ast.IndexExpr); ok && c.rooted(ix.X, b) {
					// buf[i] = x writes an element.
					if use, stop = c.findUse(ix.Index, b); use != nil || stop {
						return false
					}
					continue
				}
				if use, stop = c.findUse(l, b); use != nil || stop {
					return false
				}
			}
			return false
		case *ast.CallExpr:
			if dst, ok := c.destination(n); ok && c.rooted(dst, b) {
				stop = true // refilled: another Read, io.ReadFull, ...
				return false
			}
			if id, ok := astutil.Unparen(n.Fun).(*ast.Ident); ok {
				if bi, ok := c.info.Uses[id].(*types.Builtin); ok && bi != nil {
					switch bi.Name() {
					case "len", "cap":
						return false // the size, not the contents
					case "copy":
						if len(n.Args) == 2 && c.rooted(n.Args[0], b) {
							use, stop = c.findUse(n.Args[1], b)
							return false
						}
					}
				}
			}
		case *ast.Ident:
			if b.field == nil && c.info.Uses[n] == b.v {
				use = n
				return false
			}
		case *ast.SelectorExpr:
			if c.is(n, b) {
				use = n
				return false
			}
		}
		return true
	})
	return use, stop
}

// destination returns the buffer that call reads into, overwriting what
// an earlier Read left there: a Read method with io.Reader's signature, a
// method whose name starts with Read that takes a []byte first and returns
// (int, ..., error) (ReadAt, net.PacketConn's ReadFrom, ReadMsgUDP), a
// method value of one of those called through a local assigned once,
// io.ReadFull, io.ReadAtLeast, crypto/rand.Read, math/rand.Read and
// encoding/binary.Read.
func (c *checker) destination(call *ast.CallExpr) (ast.Expr, bool) {
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Read" {
		if rc, ok := c.readCall(call, sel); ok {
			return rc.buf, true
		}
	}
	if i, ok := c.readsIntoArg(call.Fun, 0); ok && i < len(call.Args) {
		return call.Args[i], true
	}
	fn := match.Callee(c.info, call)
	switch {
	case (match.Func(fn, "io", "ReadFull") || match.Func(fn, "io", "ReadAtLeast")) && len(call.Args) >= 2:
		return call.Args[1], true
	case (match.Func(fn, "crypto/rand", "Read") || match.Func(fn, "math/rand", "Read")) && len(call.Args) == 1:
		return call.Args[0], true
	case match.Func(fn, "encoding/binary", "Read") && len(call.Args) == 3:
		if t := c.info.TypeOf(call.Args[2]); t != nil && types.Identical(t.Underlying(), byteSlice) {
			return call.Args[2], true
		}
	}
	return nil, false
}

var byteSlice = types.NewSlice(types.Typ[types.Byte])

// readsIntoArg reports whether calling fun reads into one of its
// arguments, and which: fun is a method named Read... whose first
// parameter is a []byte and whose results are (int, ..., error), as a
// method value (index 0) or a method expression (index 1), or a local
// variable assigned once from such a method value.
func (c *checker) readsIntoArg(fun ast.Expr, depth int) (int, bool) {
	switch fun := astutil.Unparen(fun).(type) {
	case *ast.SelectorExpr:
		s := c.info.Selections[fun]
		if s == nil || !strings.HasPrefix(fun.Sel.Name, "Read") {
			return 0, false
		}
		sig, ok := s.Type().(*types.Signature)
		if !ok || sig == nil {
			return 0, false
		}
		first := 0
		switch s.Kind() {
		case types.MethodVal:
		case types.MethodExpr:
			first = 1 // the receiver comes first
		default:
			return 0, false
		}
		p, r := sig.Params(), sig.Results()
		if p.Len() <= first || r.Len() < 2 || !types.Identical(p.At(first).Type(), byteSlice) ||
			!types.Identical(r.At(0).Type(), types.Typ[types.Int]) ||
			!types.Identical(r.At(r.Len()-1).Type(), types.Universe.Lookup("error").Type()) {
			return 0, false
		}
		return first, true
	case *ast.Ident:
		v, ok := c.info.Uses[fun].(*types.Var)
		if !ok || v == nil || depth > 0 || c.root == nil {
			return 0, false
		}
		declCur, fnCur, ok := locals.Declaration(c.info, c.files(), v)
		if !ok || !locals.AssignedOnce(c.info, fnCur, v) {
			return 0, false
		}
		if sel, ok := astutil.Unparen(locals.InitValue(declCur)).(*ast.SelectorExpr); ok {
			if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				return c.readsIntoArg(sel, depth+1)
			}
		}
	}
	return 0, false
}

// files returns the cursors of the package's files.
func (c *checker) files() []inspector.Cursor {
	if c.fileCurs == nil {
		for f := range c.root.Children() {
			c.fileCurs = append(c.fileCurs, f)
		}
	}
	return c.fileCurs
}

func (c *checker) checkShortRead(rc readCall, ctx readContext) {
	b, ok := c.bufVarOf(rc.buf)
	if !ok {
		return
	}
	// A read of a single byte that checks its error cannot be short: an
	// io.Reader returns 0, nil only when len(p) == 0 (it is "discouraged"
	// otherwise), and an error is handled by the check.
	size := c.constLen(rc.buf, b, ctx)
	if ctx.err != nil && size == 1 {
		return
	}
	if c.selfRead(rc) || knownReaderOf(c.info, rc).fillsToLen && c.sizedByLen(rc, b, ctx) {
		return
	}
	var nodes []ast.Node
	if ctx.first != nil {
		nodes = append(nodes, ctx.first.Cond, ctx.first.Body)
		if ctx.first.Else != nil {
			nodes = append(nodes, ctx.first.Else)
		}
	}
	for _, s := range ctx.rest {
		nodes = append(nodes, s)
	}
	for _, n := range nodes {
		use, stop := c.findUse(n, b)
		if use != nil {
			c.reportShort(rc, use, size)
			return
		}
		if stop {
			return
		}
	}
}

// Special results of constLen.
const (
	unknownLen = -1 // the length is not known
	runtimeLen = -2 // the length is computed at run time: make([]byte, n), buf[:n]
)

// constLen returns the length of the buffer e when it is known: a slice
// of an array with constant bounds, or a variable (or a field of the
// package) whose only assignment is make([]byte, C). It returns
// runtimeLen for make([]byte, n) and buf[i:n] with a computed n, and
// unknownLen otherwise.
func (c *checker) constLen(e ast.Expr, b bufVar, ctx readContext) int64 {
	e = astutil.Unparen(e)
	if s, ok := e.(*ast.SliceExpr); ok {
		if s.Slice3 {
			return unknownLen
		}
		lo, hi := int64(0), int64(-1)
		if s.Low != nil {
			if lo = c.intConst(s.Low); lo < 0 {
				return unknownLen
			}
		}
		if s.High != nil {
			if hi = c.intConst(s.High); hi < 0 {
				return runtimeLen
			}
		} else if t, ok := c.info.TypeOf(s.X).Underlying().(*types.Array); ok {
			hi = t.Len()
		} else if p, ok := c.info.TypeOf(s.X).Underlying().(*types.Pointer); ok {
			if t, ok := p.Elem().Underlying().(*types.Array); ok {
				hi = t.Len()
			}
		}
		if hi < 0 {
			return unknownLen
		}
		return hi - lo
	}
	if !c.is(e, b) {
		return unknownLen
	}
	if b.field != nil {
		return c.fieldLen(b.field)
	}
	if ctx.fn == nil {
		return unknownLen
	}
	// buf := make([]byte, C), and no other assignment.
	if v := c.onlyValue(b, ctx); v != nil {
		return c.makeLen(v)
	}
	return unknownLen
}

// onlyValue returns the value of the only assignment of the local buffer
// variable b in the function, or nil when it has several, none, or its
// address is taken.
func (c *checker) onlyValue(b bufVar, ctx readContext) ast.Expr {
	if b.field != nil || ctx.fn == nil {
		return nil
	}
	var value ast.Expr
	count := 0
	ast.Inspect(ctx.fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && c.info.ObjectOf(id) == b.v {
					count++
					if len(n.Rhs) == len(n.Lhs) {
						value = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if c.info.ObjectOf(id) == b.v && len(n.Values) == len(n.Names) {
					count++
					value = n.Values[i]
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.is(n.X, b) {
				count += 2 // its address is taken
			}
		}
		return true
	})
	if count != 1 {
		return nil
	}
	return value
}

// selfRead reports whether the Read is called on the receiver of the
// method that holds it (rb.Read(newBuf) inside a method of rb's type): the
// type's own code knows what its Read returns.
func (c *checker) selfRead(rc readCall) bool {
	id, ok := astutil.Unparen(rc.recv).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	return ok && v.Kind() == types.RecvVar
}

// sizedByLen reports whether the buffer was made for exactly what the
// reader holds, buf := make([]byte, r.Len()) with the same r: an in-memory
// reader fills it.
func (c *checker) sizedByLen(rc readCall, b bufVar, ctx readContext) bool {
	if !c.is(rc.buf, b) {
		return false
	}
	call, ok := astutil.Unparen(c.onlyValue(b, ctx)).(*ast.CallExpr)
	if !ok || c.makeLen(call) != runtimeLen {
		return false
	}
	lenCall, ok := astutil.Unparen(call.Args[1]).(*ast.CallExpr)
	if !ok || len(lenCall.Args) != 0 {
		return false
	}
	sel, ok := astutil.Unparen(lenCall.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Len" {
		return false
	}
	r1, r2 := match.ObjectOf(c.info, sel.X), match.ObjectOf(c.info, rc.recv)
	return r1 != nil && r1 == r2
}

// fieldLen returns C when every value given to the field f in the
// package, in composite literals and assignments, is make([]byte, C), and
// unknownLen otherwise.
func (c *checker) fieldLen(f *types.Var) int64 {
	if f.Pkg() != c.pass.Pkg {
		return unknownLen
	}
	size, count, bad := int64(unknownLen), 0, false
	same := func(e ast.Expr) {
		count++
		l := c.makeLen(e)
		if count > 1 && l != size {
			l = unknownLen
		}
		size = l
	}
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && c.info.Uses[id] == f {
					same(n.Value)
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if sel, ok := astutil.Unparen(l).(*ast.SelectorExpr); ok && c.info.Uses[sel.Sel] == f {
						if len(n.Rhs) != len(n.Lhs) {
							bad = true
							continue
						}
						same(n.Rhs[i])
					}
				}
			case *ast.UnaryExpr:
				if sel, ok := astutil.Unparen(n.X).(*ast.SelectorExpr); ok && n.Op == token.AND && c.info.Uses[sel.Sel] == f {
					bad = true // its address is taken
				}
			}
			return true
		})
	}
	if count == 0 || bad {
		return unknownLen
	}
	return size
}

// makeLen returns C for make([]byte, C), runtimeLen for make([]byte, n)
// and unknownLen for any other expression.
func (c *checker) makeLen(e ast.Expr) int64 {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 {
		return unknownLen
	}
	id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return unknownLen
	}
	if bi, ok := c.info.Uses[id].(*types.Builtin); !ok || bi.Name() != "make" {
		return unknownLen
	}
	if l := c.intConst(call.Args[1]); l >= 0 {
		return l
	}
	return runtimeLen
}

func (c *checker) intConst(e ast.Expr) int64 {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil {
		return -1
	}
	v, ok := constant.Int64Val(constant.ToInt(tv.Value))
	if !ok {
		return -1
	}
	return v
}

func (c *checker) reportShort(rc readCall, use ast.Node, size int64) {
	bufExpr := astutil.Unparen(rc.buf)
	if s, ok := bufExpr.(*ast.SliceExpr); ok && s.Low == nil && s.High == nil && !s.Slice3 {
		bufExpr = s.X // arr[:] is shown as arr
	}
	buf := exprText(bufExpr, "")
	r := exprText(rc.recv, "r")
	arg := exprText(rc.buf, "buf")
	var msg string
	if buf != "" {
		msg = fmt.Sprintf("the count n returned by Read is discarded but %s is used: "+
			"Read may fill fewer than len(%s) bytes, even without an error, so the rest of %s is stale data; "+
			"use io.ReadFull(%s, %s)", buf, buf, buf, r, arg)
	} else {
		msg = fmt.Sprintf("the count n returned by Read is discarded but the buffer is used: "+
			"Read may fill fewer bytes than its length, even without an error, so the rest of it is stale data; "+
			"use io.ReadFull(%s, %s)", r, arg)
	}
	c.rep.ReportDiagnostic(analysis.Diagnostic{
		Pos:            rc.call.Pos(),
		End:            rc.call.End(),
		Category:       CategoryShortRead,
		Message:        msg,
		Related:        []analysis.RelatedInformation{{Pos: use.Pos(), End: use.End(), Message: "the buffer is used here"}},
		SuggestedFixes: c.readFullFix(rc, size),
	})
}

// maxRecordLen is the largest constant buffer length for which the fix
// is offered: larger buffers are usually chunks meant to take whatever
// one Read returns, where io.ReadFull would wait for the whole buffer.
const maxRecordLen = 64

// readFullFix rewrites r.Read(buf) into io.ReadFull(r, buf) when the
// buffer's length looks like the size of a record: a constant of at most
// maxRecordLen bytes, or a length computed at run time.
func (c *checker) readFullFix(rc readCall, size int64) []analysis.SuggestedFix {
	if !(size == runtimeLen || 0 <= size && size <= maxRecordLen) {
		return nil
	}
	sel, ok := rc.call.Fun.(*ast.SelectorExpr) // no parentheses around r.Read
	if !ok || !rc.methodOK {
		return nil
	}
	t := c.info.TypeOf(rc.recv)
	if t == nil || !types.Implements(t, ioReader) {
		return nil // e.g. a pointer method called on an addressable value
	}
	file := c.fileOf(rc.call.Pos())
	if file == nil {
		return nil
	}
	name, edits, ok := fixes.Import(c.info, file, rc.call.Pos(), "io")
	if !ok {
		return nil
	}
	edits = append(edits,
		analysis.TextEdit{Pos: rc.call.Pos(), End: rc.call.Pos(), NewText: []byte(name + ".ReadFull(")},
		analysis.TextEdit{Pos: sel.X.End(), End: rc.call.Lparen + 1, NewText: []byte(", ")},
	)
	return []analysis.SuggestedFix{{Message: "Read the whole buffer with io.ReadFull", TextEdits: edits}}
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}
