package atomicmix

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/locals"
	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/goroutines"
)

// This file decides which plain accesses can run while another goroutine
// accesses the same memory atomically, erring on the side of silence.

// maxDepth bounds the recursion through local variables and call sites.
const maxDepth = 3

// sharedField reports whether the field access acc (x.f) may touch memory
// that another goroutine reaches: the access goes through a pointer (or a
// slice element) or a package-level variable, and its base is not a value
// that the function, or every caller of it, allocated and has not yet let
// escape.
func (c *checker) sharedField(acc inspector.Cursor) bool {
	info := c.pass.TypesInfo
	e := acc.Node().(ast.Expr)
	indirect, deep := false, false // deep: an indirection below the root
	for {
		switch x := astutil.Unparen(e).(type) {
		case *ast.SelectorExpr:
			s, ok := info.Selections[x]
			if !ok {
				return true // pkg.V: a package-level variable
			}
			if s.Kind() != types.FieldVal {
				return false
			}
			if s.Indirect() {
				if _, root := astutil.Unparen(x.X).(*ast.Ident); !root {
					deep = true
				}
				indirect = true
			}
			e = x.X
		case *ast.IndexExpr:
			t := info.TypeOf(x.X)
			if t == nil {
				return false
			}
			switch t.Underlying().(type) {
			case *types.Array:
			case *types.Map:
				if !indirect {
					return false // a field of a struct stored in a map: no atomic call can address it
				}
				indirect, deep = true, true
			default:
				indirect, deep = true, true // a slice or a pointer to an array: shared backing store
			}
			e = x.X
		case *ast.StarExpr:
			indirect, deep = true, true
			e = x.X
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok || v == nil {
				return indirect
			}
			if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				return true // a package-level variable
			}
			if !indirect {
				return false // a local value (or a copy of one): not shared through this path
			}
			return deep || !c.freshPointer(acc, v, 0)
		default:
			// A call result or other expression: shared only through a pointer.
			return indirect
		}
	}
}

// freshPointer reports whether the pointer variable v, at cursor at (an
// access through v, or a call that passes v on), still points to memory that
// no other goroutine can reach: v is a local allocated in this function
// (t := &T{...}, t := new(T)), or a parameter of an unexported function
// whose every call passes such a value, and at comes before anything that
// lets v escape.
//
// At a call site (depth > 0) only a visible hand-over to another goroutine
// counts as an escape: a go statement or a goroutine's function literal that
// refers to v, or a channel send of v. The creating function may have stored
// v in a map, called its methods or built callbacks around it before it
// calls the initialiser; a maintainer reads that as "still being set up",
// and the analyzer cannot tell otherwise.
func (c *checker) freshPointer(at inspector.Cursor, v *types.Var, depth int) bool {
	if _, ok := types.Unalias(v.Type()).Underlying().(*types.Pointer); !ok {
		return false
	}
	fnCur, ok := enclosingFunc(at)
	if !ok {
		return false
	}
	declCur, declFn, ok := locals.Declaration(c.pass.TypesInfo, c.files, v)
	if !ok || declFn != fnCur || !c.unescaped(fnCur, declCur, v, at, depth > 0) {
		return false
	}
	if c.freshInit(declCur, depth) {
		return true
	}
	return depth < maxDepth && c.freshParam(fnCur, declCur, v, depth)
}

// unescaped reports whether at runs before v can have reached another
// goroutine in fn: before any use of v other than a field access, before
// any closure refers to it, and not in a loop that repeats at after such a
// use.
func (c *checker) unescaped(fnCur, declCur inspector.Cursor, v *types.Var, at inspector.Cursor, onlyGoroutines bool) bool {
	if f, ok := enclosingFunc(at); !ok || f != fnCur {
		return false // at is in a closure, which may run later
	}
	escape := c.firstEscape(fnCur, v, onlyGoroutines)
	if !escape.IsValid() {
		return true
	}
	if at.Node().End() > escape {
		return false
	}
	for loop := range at.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		if !loop.Contains(declCur) && containsPos(loop.Node(), escape) {
			return false // the next iteration runs after the escape
		}
	}
	return true
}

// firstEscape returns the position of the first use of v in fn that may
// hand it to another goroutine (see unescaped), or token.NoPos.
func (c *checker) firstEscape(fnCur inspector.Cursor, v *types.Var, onlyGoroutines bool) token.Pos {
	info := c.pass.TypesInfo
	escape := token.NoPos
	for cur := range fnCur.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if info.Uses[id] != v {
			continue
		}
		if onlyGoroutines {
			if c.handedOver(fnCur, cur) {
				escape = id.Pos()
				break
			}
			continue
		}
		if f, ok := enclosingFunc(cur); ok && f != fnCur {
			escape = f.Node().Pos() // a closure refers to it: it may run anywhere, later
			break
		}
		if !fieldOnly(info, cur) && !derefCopy(cur) && !c.keptByMethod(cur) {
			escape = id.Pos()
			break
		}
	}
	return escape
}

// keptByMethod reports whether the use of a pointer variable at cur is
// the receiver of a call of a method of this package that keeps it: it
// only reaches into the receiver's fields, copies what it points to, or
// calls such methods on it (an accessor such as getRoot that loads a field
// atomically). Other method calls may store the receiver anywhere.
func (c *checker) keptByMethod(cur inspector.Cursor) bool {
	m := calledMethod(c.pass.TypesInfo, cur)
	return m != nil && c.keepsReceiver(m, 0)
}

// calledMethod returns the method when the expression at cur is the
// receiver of a call x.m(...) that is not started with go (go t.m() runs
// the method in another goroutine), and nil otherwise.
func calledMethod(info *types.Info, cur inspector.Cursor) *types.Func {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.SelectorExpr_X || cur.Parent().ParentEdgeKind() != edge.CallExpr_Fun ||
		cur.Parent().Parent().ParentEdgeKind() == edge.GoStmt_Call {
		return nil
	}
	s, ok := info.Selections[cur.Parent().Node().(*ast.SelectorExpr)]
	if !ok || s.Kind() != types.MethodVal {
		return nil
	}
	m, _ := s.Obj().(*types.Func)
	if m == nil {
		return nil
	}
	return m.Origin()
}

// keepsReceiver reports whether the method fn of this package uses its
// receiver only in ways that cannot share it (see keptByMethod), memoized;
// a method being evaluated (recursion) does not keep it.
func (c *checker) keepsReceiver(fn *types.Func, depth int) bool {
	if got, ok := c.keeps[fn]; ok {
		return got
	}
	if c.keeps == nil {
		c.keeps = map[*types.Func]bool{}
	}
	c.keeps[fn] = false
	declCur, ok := c.declarations()[fn]
	sig, _ := fn.Type().(*types.Signature)
	if !ok || depth > 3 || sig == nil || sig.Recv() == nil {
		return false
	}
	info := c.pass.TypesInfo
	recv := sig.Recv()
	for cur := range declCur.Preorder((*ast.Ident)(nil)) {
		if info.Uses[cur.Node().(*ast.Ident)] != recv {
			continue
		}
		if f, ok := enclosingFunc(cur); !ok || f != declCur {
			return false // a closure refers to it
		}
		if fieldOnly(info, cur) || derefCopy(cur) {
			continue
		}
		if m := calledMethod(info, cur); m != nil && c.keepsReceiver(m, depth+1) {
			continue
		}
		return false
	}
	c.keeps[fn] = true
	return true
}

// handedOver reports whether the use of a variable at cur, in the function
// fnCur, hands it to another goroutine: it is part of a go statement, of a
// function literal started as a goroutine (wg.Go, errgroup's Go) or of the
// value of a channel send.
func (c *checker) handedOver(fnCur, cur inspector.Cursor) bool {
	for p := range cur.Enclosing((*ast.GoStmt)(nil), (*ast.SendStmt)(nil), (*ast.FuncLit)(nil)) {
		if p == fnCur || !fnCur.Contains(p) {
			return false
		}
		switch n := p.Node().(type) {
		case *ast.GoStmt:
			return true
		case *ast.SendStmt:
			if containsPos(n.Value, cur.Node().Pos()) {
				return true
			}
		case *ast.FuncLit:
			if c.startsGoroutine(p) {
				return true
			}
		}
	}
	return false
}

// fieldOnly reports whether the use of a pointer variable at cur only
// reaches into its fields (t.f, t.f.g = ..., t.f++, t.f.m()), which cannot
// share t with another goroutine.
func fieldOnly(info *types.Info, cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.SelectorExpr_X {
		return false
	}
	sel := cur.Parent().Node().(*ast.SelectorExpr)
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false // a method call or method value may store t anywhere
	}
	// &t.f may be stored anywhere, except as the target of an atomic call.
	top := cur.Parent()
	for {
		k := top.ParentEdgeKind()
		if k == edge.ParenExpr_X {
			top = top.Parent()
			continue
		}
		if k == edge.SelectorExpr_X {
			if s, ok := info.Selections[top.Parent().Node().(*ast.SelectorExpr)]; ok && s.Kind() == types.FieldVal {
				top = top.Parent()
				continue
			}
		}
		break
	}
	if u, ok := top.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		if top.Parent().ParentEdgeKind() == edge.CallExpr_Args {
			call := top.Parent().Parent().Node().(*ast.CallExpr)
			if fn := match.Callee(info, call); fn != nil && atomicFuncs[fn.Name()] && match.Func(fn, syncAtomic, fn.Name()) {
				return true
			}
		}
		return false
	}
	return true
}

// allocation reports whether the identifier at declCur is declared with a
// fresh allocation: t := &T{...}, t := new(T), var t = &T{...}.
func allocation(info *types.Info, declCur inspector.Cursor) bool {
	v := locals.InitValue(declCur)
	return v != nil && freshValue(info, v)
}

// freshParam reports whether the parameter (or receiver) v of the function
// declaration at fnCur receives fresh memory at every call in the package:
// the function is unexported, is not reachable through an interface, and
// each call passes a pointer that freshPointer accepts (w.init(...) on
// s.wq where s := &Stream{} has not escaped yet). An unexported function
// that production code never calls is accepted too: it runs in tests only.
func (c *checker) freshParam(fnCur, declCur inspector.Cursor, v *types.Var, depth int) bool {
	decl, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || fn == nil || fn.Exported() {
		return false
	}
	sig := fn.Signature()
	index := -1 // the receiver
	if sig.Recv() == nil || sig.Recv().Origin() != v {
		index = -2
		for i := range sig.Params().Len() {
			if sig.Params().At(i).Origin() == v {
				index = i
			}
		}
		if index < 0 || sig.Variadic() && index == sig.Params().Len()-1 {
			return false
		}
	}
	refs := c.references()
	if sig.Recv() != nil && refs.interfaceMethods[fn.Name()] {
		return false // may be called through an interface
	}
	for _, ref := range refs.funcs[fn] {
		var arg ast.Expr
		callCur := ref
		if ref.ParentEdgeKind() == edge.SelectorExpr_Sel {
			callCur = ref.Parent()
			if index == -1 {
				arg = callCur.Node().(*ast.SelectorExpr).X
			}
		}
		if callCur.ParentEdgeKind() != edge.CallExpr_Fun {
			return false // a function or method value: called anywhere
		}
		callCur = callCur.Parent()
		call := callCur.Node().(*ast.CallExpr)
		if index >= 0 {
			if index >= len(call.Args) || call.Ellipsis.IsValid() {
				return false
			}
			arg = call.Args[index]
		}
		if arg == nil || !c.freshArg(callCur, arg, depth+1) {
			return false
		}
	}
	return true
}

// freshArg reports whether the pointer passed as arg at the call callCur
// points into memory of a fresh local: t, &t.f or t.f.g (an addressable
// receiver) where t is accepted by freshPointer and no pointer is followed
// below t.
func (c *checker) freshArg(callCur inspector.Cursor, arg ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	e := astutil.Unparen(arg)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = astutil.Unparen(u.X)
	}
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			s, ok := info.Selections[x]
			if !ok || s.Kind() != types.FieldVal {
				return false
			}
			if _, root := astutil.Unparen(x.X).(*ast.Ident); s.Indirect() && !root {
				return false
			}
			e = astutil.Unparen(x.X)
			continue
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			return ok && v != nil && !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() &&
				c.freshPointer(callCur, v, depth)
		}
		return false
	}
}

// refIndex indexes the references to functions and methods in the
// package's non-test files.
type refIndex struct {
	funcs            map[*types.Func][]inspector.Cursor // the referring identifiers
	interfaceMethods map[string]bool                    // names of interface methods used
}

func (c *checker) references() *refIndex {
	if c.refs != nil {
		return c.refs
	}
	c.refs = &refIndex{funcs: map[*types.Func][]inspector.Cursor{}, interfaceMethods: map[string]bool{}}
	for _, fileCur := range c.files {
		for cur := range fileCur.Preorder((*ast.Ident)(nil)) {
			fn, ok := c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Func)
			if !ok || fn == nil {
				continue
			}
			fn = fn.Origin()
			if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
				c.refs.interfaceMethods[fn.Name()] = true
				continue
			}
			c.refs.funcs[fn] = append(c.refs.funcs[fn], cur)
		}
	}
	// Interfaces declared in the package may be satisfied by an unexported
	// method and called from elsewhere (an embedded interface, reflection
	// aside): treat their method names as reachable too.
	for _, name := range c.pass.Pkg.Scope().Names() {
		if tn, ok := c.pass.Pkg.Scope().Lookup(name).(*types.TypeName); ok {
			if it, ok := tn.Type().Underlying().(*types.Interface); ok {
				for m := range it.Methods() {
					c.refs.interfaceMethods[m.Name()] = true
				}
			}
		}
	}
	return c.refs
}

// afterWait reports whether acc follows, in the same function, a call of
// sync.WaitGroup.Wait or errgroup.Group.Wait in an enclosing block: the
// goroutines it waited for have finished.
func (c *checker) afterWait(acc inspector.Cursor) bool {
	for cur := acc; ; cur = cur.Parent() {
		switch cur.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit, *ast.File:
			return false
		}
		if cur.Parent().Node() == nil {
			return false
		}
		switch cur.ParentEdgeKind() {
		case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
			for prev, ok := cur.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
				if c.callsWait(prev) {
					return true
				}
			}
		case edge.IfStmt_Body, edge.IfStmt_Else, edge.IfStmt_Cond:
			if init := cur.Parent().Node().(*ast.IfStmt).Init; init != nil {
				if initCur, ok := cur.Parent().FindNode(init); ok && c.callsWait(initCur) {
					return true
				}
			}
		}
	}
}

// callsWait reports whether the statement at cur calls Wait of a
// sync.WaitGroup or errgroup.Group, outside function literals.
func (c *checker) callsWait(cur inspector.Cursor) bool {
	found := false
	cur.Inspect([]ast.Node{(*ast.CallExpr)(nil), (*ast.FuncLit)(nil)}, func(cur inspector.Cursor) bool {
		call, ok := cur.Node().(*ast.CallExpr)
		if !ok || found {
			return false
		}
		fn := match.Callee(c.pass.TypesInfo, call)
		if match.Method(fn, "sync", "WaitGroup", "Wait") || match.Method(fn, "golang.org/x/sync/errgroup", "Group", "Wait") {
			found = true
		}
		return !found
	})
	return found
}

// racyLocal reports whether a plain access to the local variable v at acc
// may run at the same time as one of its atomic uses: the access is in a
// function literal started as a goroutine (go func(){...}(), wg.Go,
// errgroup's Go) after v was declared, and an atomic use lies outside that
// goroutine after its start, in another goroutine, or in the same
// goroutine started repeatedly by a loop.
func (c *checker) racyLocal(acc inspector.Cursor, v *types.Var, uses []atomicUse) bool {
	g, ok := c.goroutineOf(acc, v)
	if !ok {
		return false
	}
	for _, u := range uses {
		if g.Contains(u.cur) {
			for loop := range g.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
				if !containsPos(loop.Node(), v.Pos()) {
					return true // the same goroutine is started several times
				}
			}
			continue
		}
		if _, ok := c.goroutineOf(u.cur, v); ok || u.pos > g.Node().Pos() {
			return true
		}
	}
	return false
}

// goroutineOf returns the innermost function literal around cur that runs
// as a goroutine and does not itself declare v.
func (c *checker) goroutineOf(cur inspector.Cursor, v *types.Var) (inspector.Cursor, bool) {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		if containsPos(lit.Node(), v.Pos()) {
			break
		}
		if c.startsGoroutine(lit) {
			return lit, true
		}
	}
	return inspector.Cursor{}, false
}

// startsGoroutine reports whether the function literal at lit is run as a
// goroutine: go func(){...}(), wg.Go(func(){...}), g.Go(func() error {...}).
func (c *checker) startsGoroutine(lit inspector.Cursor) bool {
	_, ok := goroutines.OfLit(c.pass.TypesInfo, lit)
	return ok
}

// enclosingFunc returns the innermost function declaration or literal
// around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return f, true
	}
	return inspector.Cursor{}, false
}

func containsPos(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

func deref(t types.Type) types.Type {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return types.Unalias(p.Elem())
	}
	return t
}
