package report

import "go/token"

// Span is a source range for diagnostics that cover part of a node, such as
// the "http.Client{" that opens a long composite literal.
type Span struct{ Start, Stop token.Pos }

// Pos implements analysis.Range.
func (s Span) Pos() token.Pos { return s.Start }

// End implements analysis.Range.
func (s Span) End() token.Pos { return s.Stop }
