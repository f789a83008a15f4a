package ctxscope

import (
	"go/ast"
	"go/types"
	"strings"
)

// deprecated is the fact that a function or method whose name marks it as
// the context-taking variant of another (XContext, XWithContext, XCtx) is
// deprecated: it is never suggested.
type deprecated struct {
	Deprecated bool // always true; gob needs an exported field
}

func (*deprecated) AFact() {}

func (*deprecated) String() string { return "deprecated" }

// Suffixes name the context-taking variant of a function X.
var Suffixes = [...]string{"Context", "WithContext", "Ctx"}

func (r *Result) markDeprecated(fn *types.Func) {
	r.depr[fn] = true
	r.pass.ExportObjectFact(fn, &deprecated{Deprecated: true})
}

// IsVariantName reports whether name marks a context variant (XContext).
func IsVariantName(name string) bool {
	for _, s := range Suffixes {
		if len(name) > len(s) && strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// isDeprecated reports whether a doc comment has a "Deprecated:" paragraph.
func isDeprecated(cg *ast.CommentGroup) bool {
	if cg == nil {
		return false
	}
	for line := range strings.Lines(cg.Text()) {
		if strings.HasPrefix(line, "Deprecated:") {
			return true
		}
	}
	return false
}

// Deprecated reports whether fn, of this package or another, is a
// deprecated context variant: one never to suggest.
func (r *Result) Deprecated(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == r.pass.Pkg {
		return r.depr[fn]
	}
	return fn.Pkg() != nil && r.pass.ImportObjectFact(fn, new(deprecated))
}
