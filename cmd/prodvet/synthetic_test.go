package main

import (
	"go/token"
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers/httptimeout"
	"github.com/prodvet/prodvet/internal/driver"
)

// syntheticFinding builds a finding whose first suggested fix has edits, for
// testing fix application without an analyzer.
func syntheticFinding(t *testing.T, file string, edits []edit) finding {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tf := fset.AddFile(file, -1, len(src))
	tf.SetLinesForContent(src)
	var tes []analysis.TextEdit
	for _, e := range edits {
		tes = append(tes, analysis.TextEdit{Pos: tf.Pos(e.start), End: tf.Pos(e.end), NewText: []byte(e.text)})
	}
	d := analysis.Diagnostic{Pos: tes[0].Pos, Message: "synthetic", SuggestedFixes: []analysis.SuggestedFix{{Message: "fix", TextEdits: tes}}}
	return driver.Resolve(httptimeout.Analyzer, "x", fset, d)
}
