package wgmisuse

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// checkWaitInLoop reports wg.Wait as the statement right after the one go
// statement of a loop body, wg declared outside the loop and counting that
// goroutine: each iteration waits for its own goroutine, so the goroutines
// run one at a time. Batches (a go statement in an inner loop, or several
// per iteration), work between the go statement and the Wait, and a
// WaitGroup of the iteration are concurrency on purpose and not reported.
func (c *checker) checkWaitInLoop(root inspector.Cursor) {
	for cur := range root.Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		var body *ast.BlockStmt
		switch l := cur.Node().(type) {
		case *ast.ForStmt:
			body = l.Body
		case *ast.RangeStmt:
			body = l.Body
		}
		if body == nil || !c.rep.Covers(body.Pos()) {
			continue
		}
		var gos []*ast.GoStmt
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.GoStmt:
				gos = append(gos, n)
			}
			return true
		})
		if len(gos) != 1 {
			continue
		}
		gs := gos[0]
		for i, st := range body.List {
			// The Wait right after the go statement: work between them
			// runs concurrently with the goroutine, on purpose.
			if st != ast.Stmt(gs) || i+1 == len(body.List) {
				continue
			}
			es, ok := body.List[i+1].(*ast.ExprStmt)
			if !ok {
				break
			}
			call, ok := es.X.(*ast.CallExpr)
			if !ok {
				break
			}
			wait, ok := c.wgCall(call)
			// A WaitGroup declared in the loop body is a per-iteration
			// handshake by design.
			if !ok || wait.method != "Wait" || declaredIn(wait.key.root, body) || !c.accounts(gs, wait.key) {
				break
			}
			c.rep.ReportDiagnostic(analysis.Diagnostic{
				Pos:      wait.call.Pos(),
				End:      wait.call.End(),
				Category: CategoryWaitInLoop,
				Message: fmt.Sprintf("%s.Wait inside the loop waits for the goroutine started in the same iteration before the next one starts: "+
					"the goroutines run one at a time, so the loop is no faster than a plain loop and each item pays for a goroutine; "+
					"call %s.Wait after the loop", wait.recv, wait.recv),
				Related: []analysis.RelatedInformation{{Pos: gs.Pos(), End: gs.Call.Pos(), Message: "the goroutine of this iteration"}},
			})
			break
		}
	}
}
