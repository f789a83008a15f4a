package analyzerdoc_test

import (
	"strings"
	"testing"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
)

const src = `// Package x defines two analyzers.
//
// # Analyzer first
//
// first: report the first thing
//
// Why it matters.
//
// # Example
//
//	bad()
//
// # Analyzer second
//
// second: report the second thing
package x
`

func TestExtract(t *testing.T) {
	doc, err := analyzerdoc.Extract(src, "first")
	if err != nil {
		t.Fatal(err)
	}
	if want := "report the first thing\n\nWhy it matters.\n\n# Example\n\n\tbad()"; doc != want {
		t.Errorf("Extract(first) = %q, want %q", doc, want)
	}
	if got := analyzerdoc.Summary(doc); got != "report the first thing" {
		t.Errorf("Summary = %q", got)
	}
	if doc, _ := analyzerdoc.Extract(src, "second"); doc != "report the second thing" {
		t.Errorf("Extract(second) = %q", doc)
	}
	for _, bad := range []struct{ src, name string }{
		{src, "third"},
		{"package x\n", "first"},
		{"// # Analyzer first\n//\n// no summary line\npackage x\n", "first"},
		{"not go", "first"},
	} {
		if _, err := analyzerdoc.Extract(bad.src, bad.name); err == nil {
			t.Errorf("Extract(%q, %q) succeeded, want an error", bad.src, bad.name)
		}
	}
}

func TestMarkdown(t *testing.T) {
	doc, _ := analyzerdoc.Extract(src, "first")
	md := string(analyzerdoc.Markdown("first", doc))
	for _, want := range []string{"# first\n", "report the first thing", "## Example\n", "```go\nbad()\n```\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}
