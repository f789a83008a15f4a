// Package fixes builds the text edits of suggested fixes that several
// analyzers share: adding an import, adding a field to a composite literal,
// writing a duration as Go source.
package fixes

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
)

// Import returns the name by which code at pos in file can refer to the
// package path, and the edits (possibly none) that import it. ok is false
// when there is no safe way: the name is shadowed at pos, or the package is
// imported only with a blank or dot import and a plain import would clash.
func Import(info *types.Info, file *ast.File, pos token.Pos, path string) (name string, edits []analysis.TextEdit, ok bool) {
	var last *ast.GenDecl
	for _, decl := range file.Decls {
		gd, isGen := decl.(*ast.GenDecl)
		if !isGen || gd.Tok != token.IMPORT {
			break
		}
		last = gd
		for _, spec := range gd.Specs {
			is := spec.(*ast.ImportSpec)
			if p, err := strconv.Unquote(is.Path.Value); err != nil || p != path {
				continue
			}
			pkgName, _ := info.Defs[is.Name].(*types.PkgName)
			if is.Name == nil {
				pkgName, _ = info.Implicits[is].(*types.PkgName)
			}
			if pkgName == nil || pkgName.Name() == "_" || pkgName.Name() == "." {
				continue // blank or dot import: look for another
			}
			return pkgName.Name(), nil, refersTo(info, file, pos, pkgName.Name(), pkgName)
		}
	}
	// Not imported under a usable name: add an import, if the default name
	// is free at pos.
	name = defaultName(path)
	if !refersTo(info, file, pos, name, nil) {
		return "", nil, false
	}
	var edit analysis.TextEdit
	switch {
	case last == nil:
		edit = analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: fmt.Appendf(nil, "\n\nimport %q", path)}
	case last.Lparen.IsValid():
		// After the last standard-library import, so that gofmt's sorting
		// keeps "time" in the standard group; else at the end.
		var after ast.Spec
		for _, spec := range last.Specs {
			if p, err := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value); err == nil && isStd(p) {
				after = spec
			}
		}
		if after != nil {
			edit = analysis.TextEdit{Pos: after.End(), End: after.End(), NewText: fmt.Appendf(nil, "\n\t%q", path)}
		} else {
			edit = analysis.TextEdit{Pos: last.Rparen, End: last.Rparen, NewText: fmt.Appendf(nil, "\t%q\n", path)}
		}
	default:
		// import "x"  becomes  import (\n\t"x"\n\t"path"\n)
		spec := last.Specs[0]
		return name, []analysis.TextEdit{
			{Pos: spec.Pos(), End: spec.Pos(), NewText: []byte("(\n\t")},
			{Pos: spec.End(), End: spec.End(), NewText: fmt.Appendf(nil, "\n\t%q\n)", path)},
		}, true
	}
	return name, []analysis.TextEdit{edit}, true
}

// refersTo reports whether name, looked up at pos in file, would find want
// (nil: find nothing but a universe object is also a clash).
func refersTo(info *types.Info, file *ast.File, pos token.Pos, name string, want types.Object) bool {
	scope := info.Scopes[file]
	if scope == nil {
		return false
	}
	inner := scope.Innermost(pos)
	if inner == nil {
		inner = scope
	}
	_, obj := inner.LookupParent(name, pos)
	if want == nil {
		// The new import lives in the file scope: any declaration of name in
		// the file, package or an enclosing block would clash or shadow it.
		return obj == nil
	}
	return obj == want
}

// isStd reports whether path looks like a standard-library package: its
// first element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func defaultName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}

// Duration renders d as a Go expression using the time package imported as
// qual, such as "30 * time.Second" or "1500 * time.Millisecond".
func Duration(d time.Duration, qual string) string {
	units := []struct {
		name string
		d    time.Duration
	}{{"Hour", time.Hour}, {"Minute", time.Minute}, {"Second", time.Second},
		{"Millisecond", time.Millisecond}, {"Microsecond", time.Microsecond}}
	for _, u := range units {
		if d >= u.d && d%u.d == 0 {
			if d == u.d {
				return qual + "." + u.name
			}
			return fmt.Sprintf("%d * %s.%s", d/u.d, qual, u.name)
		}
	}
	return fmt.Sprintf("%d * %s.Nanosecond", int64(d), qual)
}

// AddField returns an edit that appends the keyed element "key: value" to
// the composite literal lit, keeping the literal's layout: on a line of its
// own before the closing brace when the literal spans lines, inline
// otherwise. src is the content of the file holding lit. ok is false for
// literals with unkeyed elements.
func AddField(fset *token.FileSet, src []byte, lit *ast.CompositeLit, key, value string) (edit analysis.TextEdit, ok bool) {
	for _, elt := range lit.Elts {
		if _, isKV := elt.(*ast.KeyValueExpr); !isKV {
			return edit, false
		}
	}
	tf := fset.File(lit.Rbrace)
	if tf == nil || tf.Size() != len(src) {
		return edit, false
	}
	field := key + ": " + value
	lbraceLine, rbraceLine := tf.Line(lit.Lbrace), tf.Line(lit.Rbrace)
	if len(lit.Elts) == 0 || lbraceLine == rbraceLine {
		text := field
		if n := len(lit.Elts); n > 0 {
			text = ", " + field
			return analysis.TextEdit{Pos: lit.Elts[n-1].End(), End: lit.Elts[n-1].End(), NewText: []byte(text)}, true
		}
		if lbraceLine != rbraceLine {
			text = "\n" + field + ",\n"
		}
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}, true
	}
	// Multi-line: insert a line at the start of the closing brace's line,
	// indented like the last element.
	if tf.Line(lit.Elts[len(lit.Elts)-1].End()) == rbraceLine {
		return edit, false // "A: 1}" closing on the element's line: unusual layout
	}
	lastStart := tf.LineStart(tf.Line(lit.Elts[len(lit.Elts)-1].Pos()))
	indent := leadingSpace(src[tf.Offset(lastStart):])
	at := tf.LineStart(rbraceLine)
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte(string(indent) + field + ",\n")}, true
}

func leadingSpace(b []byte) []byte {
	return b[:len(b)-len(bytes.TrimLeft(b, " \t"))]
}
