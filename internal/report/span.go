package report

import (
	"go/token"
	"strings"
)

// Span is a source range for diagnostics that cover part of a node, such as
// the "http.Client{" that opens a long composite literal.
type Span struct{ Start, Stop token.Pos }

// Pos implements analysis.Range.
func (s Span) Pos() token.Pos { return s.Start }

// End implements analysis.Range.
func (s Span) End() token.Pos { return s.Stop }

// InTestFile reports whether pos lies in a _test.go file. Several analyzers
// leave tests alone by policy: what a test does reaches no production
// caller.
func InTestFile(fset *token.FileSet, pos token.Pos) bool {
	tf := fset.File(pos)
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}
