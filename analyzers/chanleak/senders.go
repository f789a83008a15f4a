package chanleak

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// SendsFact records, for a function, the channel parameters it sends on
// exactly once, outside any loop and select, and uses in no other way: a
// call of it in a new goroutine blocks that goroutine until someone
// receives.
type SendsFact struct {
	Params []ParamSend
}

// ParamSend is one such parameter, by index in the signature.
type ParamSend struct {
	Index int
	// Last: the send is the last statement of the function's body, so the
	// goroutine does nothing after it.
	Last bool
}

func (*SendsFact) AFact() {}

func (f *SendsFact) String() string {
	s := "sends("
	for i, p := range f.Params {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprint(p.Index)
		if p.Last {
			s += " last"
		}
	}
	return s + ")"
}

// exportSenders exports a SendsFact for each function of the package that
// sends once on a channel parameter and uses it in no other way.
func (c *checker) exportSenders() {
	for cur := range c.root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok || decl.Body == nil {
			continue
		}
		sig := fn.Type().(*types.Signature)
		var fact SendsFact
		for i := 0; i < sig.Params().Len(); i++ {
			p := sig.Params().At(i)
			ch, ok := p.Type().Underlying().(*types.Chan)
			if !ok || ch.Dir() == types.RecvOnly || sig.Variadic() && i == sig.Params().Len()-1 {
				continue
			}
			if last, ok := c.sendsOnce(cur, decl.Body, p); ok {
				fact.Params = append(fact.Params, ParamSend{Index: i, Last: last})
			}
		}
		if len(fact.Params) > 0 {
			c.pass.ExportObjectFact(fn, &fact)
		}
	}
}

// sendsOnce reports whether body's only use of p is one send outside any
// loop, select or literal, and whether that send is its last statement.
func (c *checker) sendsOnce(declCur inspector.Cursor, body *ast.BlockStmt, p *types.Var) (last, ok bool) {
	var send ast.Node
	for idCur := range declCur.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[idCur.Node().(*ast.Ident)] != p {
			continue
		}
		use := idCur
		for use.ParentEdgeKind() == edge.ParenExpr_X {
			use = use.Parent()
		}
		if use.ParentEdgeKind() != edge.SendStmt_Chan || send != nil || !plainStmt(use.Parent(), body) {
			return false, false
		}
		send = use.Parent().Node()
	}
	if send == nil {
		return false, false
	}
	return len(body.List) > 0 && body.List[len(body.List)-1] == send, true
}
