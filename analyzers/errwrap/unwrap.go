package errwrap

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/prodvet/prodvet/internal/report"
)

// checkType reports a package-level error type that holds a cause but has
// no Unwrap method.
func (c *checker) checkType(spec *ast.TypeSpec) {
	info := c.pass.TypesInfo
	if spec.Assign.IsValid() {
		return // an alias: its methods belong to the aliased type
	}
	tn, _ := info.Defs[spec.Name].(*types.TypeName)
	if tn == nil || tn.Pkg() == nil || tn.Parent() != tn.Pkg().Scope() {
		return // local types cannot declare methods
	}
	named, _ := tn.Type().(*types.Named)
	if named == nil {
		return
	}
	st, _ := named.Underlying().(*types.Struct)
	stx, _ := spec.Type.(*ast.StructType)
	if st == nil || stx == nil {
		return
	}
	ptr := types.NewPointer(named)
	if !types.Implements(ptr, errorIface) {
		return
	}
	mset := types.NewMethodSet(ptr)
	// Unwrap (any signature) is the author's decision; Is and As do their
	// own matching.
	for _, m := range []string{"Unwrap", "Is", "As"} {
		if mset.Lookup(nil, m) != nil {
			return
		}
	}
	errSel := mset.Lookup(nil, "Error")
	if errSel == nil {
		return
	}
	errFn, _ := errSel.Obj().(*types.Func)
	if errFn == nil {
		return
	}
	if len(errSel.Index()) > 1 {
		// Error comes from an embedded field, as in struct{ error }: such
		// types are as often adapters (a log marshaler, a net.Error with a
		// Timeout method) as errors handed to callers; not reported.
		return
	}
	decl := c.decls[errFn]
	if decl == nil || decl.Body == nil {
		return
	}
	var causes []*types.Var
	for i := range st.NumFields() {
		f := st.Field(i)
		if !isError(f.Type()) || c.hidden(stx, f) {
			continue
		}
		if !c.references(decl.Body, f) {
			continue // the message does not show it: maybe not a cause
		}
		causes = append(causes, f)
	}
	if len(causes) == 0 {
		return
	}
	why := "so callers cannot recognise the underlying error (a timeout, a not-found, context.Canceled) to retry or answer correctly"
	if !c.strict {
		// Unexported types are the package's own business, and a cause
		// set only from parse, validation or opaque errors is never tested.
		if !tn.Exported() {
			return
		}
		held := c.unwrapCause(causes)
		if held.desc == "" {
			return
		}
		if held.context {
			why = "so for the cause it holds (" + held.desc + ") " + contextHarm
		} else {
			why = "so callers cannot recognise the cause it holds (" + held.desc + ") to retry or answer correctly"
		}
	}
	names := make([]string, len(causes))
	for i, f := range causes {
		names[i] = f.Name()
	}
	field := "field " + names[0]
	if len(names) > 1 {
		field = "fields " + strings.Join(names, ", ")
	}
	var fixes []analysis.SuggestedFix
	if len(causes) == 1 {
		fixes = c.unwrapFix(spec, decl, causes[0])
	}
	c.rep.Report(spec.Name, CategoryMissingUnwrap, fmt.Sprintf(
		"error type %s holds its cause in %s but has no Unwrap method: errors.Is and errors.As stop at %s, "+
			"%s; add an Unwrap() error method that returns it (or mark the field //nolint if the cause must stay hidden)",
		spec.Name.Name, field, spec.Name.Name, why), fixes...)
}

// hidden reports whether the struct field f carries a //nolint comment (any
// linter): its author hid the cause on purpose.
func (c *checker) hidden(stx *ast.StructType, f *types.Var) bool {
	fset := c.pass.Fset
	line := fset.Position(f.Pos()).Line
	for _, field := range stx.Fields.List {
		if f.Pos() < field.Pos() || field.End() <= f.Pos() {
			continue
		}
		for _, cg := range []*ast.CommentGroup{field.Doc, field.Comment} {
			if cg == nil {
				continue
			}
			for _, cm := range cg.List {
				if report.IsNolint(cm.Text) {
					return true
				}
			}
		}
	}
	for _, cg := range c.fileOf(f.Pos()).Comments {
		for _, cm := range cg.List {
			if fset.Position(cm.Slash).Line == line && report.IsNolint(cm.Text) {
				return true
			}
		}
	}
	return false
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return &ast.File{}
}

// references reports whether body selects the field f.
func (c *checker) references(body ast.Node, f *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && !found {
			if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Obj() == f {
				found = true
			}
		}
		return !found
	})
	return found
}

// unwrapFix adds "func (e *T) Unwrap() error { return e.Cause }" after the
// Error method, with the receiver name and kind of Error's.
func (c *checker) unwrapFix(spec *ast.TypeSpec, decl *ast.FuncDecl, cause *types.Var) []analysis.SuggestedFix {
	recvName, recvType := "e", spec.Name.Name
	if tps := spec.TypeParams; tps != nil {
		var params []string
		for _, f := range tps.List {
			for _, n := range f.Names {
				params = append(params, n.Name)
			}
		}
		recvType += "[" + strings.Join(params, ", ") + "]"
	}
	if decl.Recv == nil || len(decl.Recv.List) != 1 {
		return nil
	}
	r := decl.Recv.List[0]
	if len(r.Names) == 1 && r.Names[0].Name != "_" {
		recvName = r.Names[0].Name
	}
	if _, ok := astutil.Unparen(r.Type).(*ast.StarExpr); ok {
		recvType = "*" + recvType
	}
	after := decl.End()
	sel := recvName + "." + cause.Name()
	body := "\treturn " + sel + "\n"
	if _, isPtr := types.Unalias(cause.Type()).(*types.Pointer); isPtr {
		// A nil *T stored in an error interface is not a nil error.
		body = "\tif " + sel + " == nil {\n\t\treturn nil\n\t}\n" + body
	}
	text := fmt.Sprintf("\n\n// Unwrap returns the cause, for errors.Is and errors.As.\nfunc (%s %s) Unwrap() error {\n%s}", recvName, recvType, body)
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Add an Unwrap method returning %s", cause.Name()),
		TextEdits: []analysis.TextEdit{{Pos: after, End: after, NewText: []byte(text)}},
	}}
}
