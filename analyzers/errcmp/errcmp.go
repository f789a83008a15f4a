package errcmp

import (
	"bytes"
	_ "embed"
	"go/ast"
	"go/printer"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/passes/errorigin"
)

//go:embed doc.go
var doc string

// Name is the analyzer's name.
const Name = "errcmp"

// Categories of the diagnostics.
const (
	CategoryCompare        = "compare"
	CategoryAssert         = "assert"
	CategoryIsNeverMatches = "is-never-matches"
	CategoryAsNeverMatches = "as-never-matches"

	CategoryAssertNeverMatches = "assert-never-matches"
)

// asTypeVersion is the Go version that added errors.AsType.
const asTypeVersion = "go1.26"

// Analyzer is the analyzer with default options, for the CLI and tests.
var Analyzer = New()

// New returns a fresh analyzer whose options are its flags, so that two
// configurations never share state.
func New() *analysis.Analyzer {
	o := &options{}
	a := &analysis.Analyzer{
		Name:     Name,
		Doc:      analyzerdoc.MustExtract(doc, Name),
		URL:      report.URL(Name),
		Requires: []*analysis.Analyzer{inspect.Analyzer, errorigin.Analyzer},
		Run:      o.run,
	}
	a.Flags.BoolVar(&o.wrapped, "wrapped", false,
		"also report ==, != and switch on sentinel errors and type assertions and type switches on errors, which break once the error is wrapped (errorlint's comparison rule)")
	return a
}

type options struct {
	wrapped bool // run the compare and assert rules
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

type checker struct {
	pass    *analysis.Pass
	rep     *report.Reporter
	origin  *errorigin.Result
	file    *ast.File
	src     []byte
	test    bool
	created map[*types.TypeName]bool // named types T of this package whose *T values it creates
}

func (o *options) run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, rep: report.New(pass), origin: pass.ResultOf[errorigin.Analyzer].(*errorigin.Result)}
	c.rep.HonorNolint("errorlint") // errorlint reports the same comparisons and assertions
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	kinds := []ast.Node{(*ast.TypeAssertExpr)(nil), (*ast.TypeSwitchStmt)(nil)}
	if o.wrapped || importsErrors(pass.Pkg) {
		kinds = append(kinds, (*ast.CallExpr)(nil)) // errors.Is and errors.As
	}
	if o.wrapped {
		kinds = append(kinds, (*ast.BinaryExpr)(nil), (*ast.SwitchStmt)(nil))
	}
	for fileCur := range root.Children() {
		c.file = fileCur.Node().(*ast.File)
		tf := pass.Fset.File(c.file.FileStart)
		if tf == nil {
			continue
		}
		c.test = strings.HasSuffix(tf.Name(), "_test.go")
		c.src = nil
		if o.wrapped { // only the fixes of the compare and assert rules quote source
			if content, err := pass.ReadFile(tf.Name()); err == nil && len(content) == tf.Size() {
				c.src = content
			}
		}
		for cur := range fileCur.Preorder(kinds...) {
			switch n := cur.Node().(type) {
			case *ast.BinaryExpr:
				c.checkCompare(cur, n)
			case *ast.SwitchStmt:
				c.checkSwitch(cur, n)
			case *ast.TypeAssertExpr:
				if !c.checkAssertNever(cur, n) && o.wrapped {
					c.checkAssert(cur, n)
				}
			case *ast.TypeSwitchStmt:
				if !c.checkTypeSwitchNever(cur, n) && o.wrapped {
					c.checkTypeSwitch(cur, n)
				}
			case *ast.CallExpr:
				c.checkIs(n)
				c.checkAs(n)
			}
		}
	}
	return nil, nil
}

// importsErrors reports whether pkg imports a package whose Is and As the
// never-matches rules check.
func importsErrors(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if p := imp.Path(); p == "errors" || p == "github.com/pkg/errors" {
			return true
		}
	}
	return false
}

// ---- Types and symbols ----

func validType(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.(*types.Basic); ok && b.Kind() == types.Invalid {
		return false
	}
	return true
}

// isErrorIface reports whether t is an interface type (error, or one that
// embeds it) whose values are errors, and not a type parameter.
func isErrorIface(t types.Type) bool {
	if !validType(t) {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	return types.IsInterface(t) && types.Implements(t, errorIface)
}

func hasMethod(t types.Type, name string) bool {
	if !validType(t) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// qualified names obj the way the current package refers to it.
func (c *checker) qualified(obj types.Object) string {
	if obj.Pkg() == nil || obj.Pkg() == c.pass.Pkg {
		return obj.Name()
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

func (c *checker) typeString(t types.Type) string {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.NewPointer(types.Unalias(p.Elem()))
	}
	return types.TypeString(t, func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		return p.Name()
	})
}

// varKey is the name of a sentinel in the contract table.
func varKey(v *types.Var) string { return v.Pkg().Path() + "." + v.Name() }

// typeKey is the name of an error type in the contract table, or "".
func typeKey(t types.Type) string {
	prefix := ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		prefix, t = "*", p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return prefix + n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// ---- Source text ----

// text returns the source of n, or its printed form when the file content
// is unavailable.
func (c *checker) text(n ast.Node) string {
	if c.src != nil {
		tf := c.pass.Fset.File(n.Pos())
		if tf != nil && tf.Size() == len(c.src) {
			start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
			if 0 <= start && start <= end && end <= len(c.src) {
				return string(c.src[start:end])
			}
		}
	}
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, c.pass.Fset, n); err != nil {
		return ""
	}
	return buf.String()
}

// isConversion reports whether call converts a value (error(x)) instead of

// implementsError reports whether t, or a pointer to it, is an error.
func implementsError(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return types.Implements(t, errorIface) || types.Implements(types.NewPointer(t), errorIface)
}
