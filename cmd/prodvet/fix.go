package main

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"os"
	"slices"

	"github.com/aymanbagabas/go-udiff"
)

// An edit is a text edit resolved to a file and byte offsets.
type edit struct {
	file       string
	start, end int
	text       string
}

func (e edit) overlaps(o edit) bool {
	if e.file != o.file {
		return false
	}
	if e.start == e.end && o.start == o.end {
		return e.start == o.start // two insertions at one point: order unknown
	}
	return e.start < o.end && o.start < e.end || e.start == o.start
}

// applyFixes applies the first suggested fix of each finding, or prints
// them as a diff. A fix whose edits overlap an already accepted fix is
// skipped as a whole, never half-applied; identical edits (the same import
// added by two fixes) are applied once. It returns the findings that were
// not fixed.
func applyFixes(findings []finding, diffOnly bool, stdout, stderr io.Writer) (remaining []finding, err error) {
	var accepted []edit
	skipped := 0
	for _, f := range findings {
		if len(f.Fixes) == 0 {
			remaining = append(remaining, f)
			continue
		}
		edits, ok := resolve(f)
		if !ok {
			remaining = append(remaining, f)
			continue
		}
		var fresh []edit
		conflict := false
		for _, e := range edits {
			if slices.Contains(accepted, e) || slices.Contains(fresh, e) {
				continue
			}
			for _, a := range accepted {
				if e.overlaps(a) {
					conflict = true
				}
			}
			fresh = append(fresh, e)
		}
		if conflict {
			skipped++
			fmt.Fprintf(stderr, "prodvet: skipped the fix for %s:%d:%d (%s): it overlaps another fix; run prodvet -fix again\n",
				relPath(f.Start.Filename), f.Start.Line, f.Start.Column, f.Analyzer.Name)
			remaining = append(remaining, f)
			continue
		}
		accepted = append(accepted, fresh...)
	}

	byFile := map[string][]udiff.Edit{}
	var files []string
	for _, e := range accepted {
		if _, ok := byFile[e.file]; !ok {
			files = append(files, e.file)
		}
		byFile[e.file] = append(byFile[e.file], udiff.Edit{Start: e.start, End: e.end, New: e.text})
	}
	slices.Sort(files)
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out, err := udiff.ApplyBytes(src, byFile[name])
		if err != nil {
			return nil, fmt.Errorf("fixing %s: %w", relPath(name), err)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), name, out, parser.SkipObjectResolution); err != nil {
			return nil, fmt.Errorf("fixing %s would leave it unparsable (%w); nothing was written", relPath(name), err)
		}
		// Keep gofmt-clean files gofmt-clean (an inserted field realigns its
		// neighbours).
		if formatted, err := format.Source(src); err == nil && bytes.Equal(formatted, src) {
			if f, err := format.Source(out); err == nil {
				out = f
			}
		}
		if diffOnly {
			rel := relPath(name)
			fmt.Fprint(stdout, udiff.Unified("a/"+rel, "b/"+rel, string(src), string(out)))
			continue
		}
		info, err := os.Stat(name)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(name, out, info.Mode().Perm()); err != nil {
			return nil, err
		}
	}
	if !diffOnly && len(accepted) > 0 {
		fmt.Fprintf(stderr, "prodvet: applied fixes to %d file(s)\n", len(files))
	}
	return remaining, nil
}

// resolve turns the first suggested fix of f into file edits. It refuses
// fixes in files whose positions are remapped by //line directives (cgo):
// their offsets do not point into the file the user edits.
func resolve(f finding) ([]edit, bool) {
	var out []edit
	for _, e := range f.Fixes[0].Edits {
		if e.Remapped() {
			return nil, false
		}
		out = append(out, edit{file: e.RawStart.Filename, start: e.RawStart.Offset, end: e.RawEnd.Offset, text: e.New})
	}
	return out, len(out) > 0
}
