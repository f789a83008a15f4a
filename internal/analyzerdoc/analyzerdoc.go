// Package analyzerdoc extracts an analyzer's documentation from its doc.go,
// the single source of the words shown by "prodvet help", in Analyzer.Doc,
// on pkg.go.dev and in the generated Markdown under docs/.
//
// The package comment of doc.go holds a section that starts with the heading
// "# Analyzer NAME", whose first paragraph is "NAME: summary". The section
// runs to the next "# Analyzer" heading or the end of the comment, and may
// use further "# ..." headings of its own (Why, Example, Fix, Options, Not
// reported).
package analyzerdoc

import (
	"bytes"
	"fmt"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the documentation of analyzer name from the Go source of
// its doc.go: the summary line without the "name: " prefix, a blank line and
// the rest of the section, as Go doc comment text.
func Extract(src, name string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("doc.go for %s: %w", name, err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go for %s has no package comment", name)
	}
	text := "\n" + f.Doc.Text()
	const heading = "\n# Analyzer "
	for _, section := range strings.Split(text, heading)[1:] {
		body, ok := strings.CutPrefix(section, name)
		if !ok || (body != "" && body[0] != '\n') {
			continue
		}
		body = strings.TrimSpace(body)
		rest, ok := strings.CutPrefix(body, name+":")
		if !ok {
			return "", fmt.Errorf("doc.go: heading 'Analyzer %s' is not followed by a '%s: summary' line", name, name)
		}
		return strings.TrimSpace(rest), nil
	}
	return "", fmt.Errorf("doc.go has no '# Analyzer %s' section", name)
}

// MustExtract is Extract for package initialisation: a missing or malformed
// section is a programming error caught by every test.
func MustExtract(src, name string) string {
	doc, err := Extract(src, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Summary returns the first line of an analyzer's Doc.
func Summary(doc string) string {
	first, _, _ := strings.Cut(doc, "\n")
	return strings.TrimSpace(first)
}

// Markdown renders an analyzer's Doc (as returned by Extract) as a Markdown
// page: the name as title, the summary, then the sections with their
// headings one level down.
func Markdown(name, doc string) []byte {
	var p comment.Parser
	parsed := p.Parse(doc)
	pr := comment.Printer{HeadingLevel: 2}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# %s\n\n", name)
	// go/doc/comment indents code blocks with a tab and gives headings
	// {#hdr-...} anchors that GitHub shows literally: fence the code as Go
	// and drop the anchors.
	inCode, blanks := false, 0
	for line := range strings.Lines(string(pr.Markdown(parsed))) {
		switch {
		case strings.TrimSpace(line) == "" && inCode:
			blanks++ // inside or just after a code block: decided by the next line
			continue
		case strings.HasPrefix(line, "\t"):
			if !inCode {
				buf.WriteString("```go\n")
				inCode = true
			}
			buf.WriteString(strings.Repeat("\n", blanks))
			line = strings.TrimPrefix(line, "\t")
		default:
			if inCode {
				buf.WriteString("```\n")
				inCode = false
			}
			buf.WriteString(strings.Repeat("\n", blanks))
			if i := strings.Index(line, " {#hdr-"); i >= 0 && strings.HasPrefix(line, "#") {
				line = line[:i] + "\n"
			}
		}
		blanks = 0
		buf.WriteString(line)
	}
	if inCode {
		buf.WriteString("```\n")
	}
	return buf.Bytes()
}
