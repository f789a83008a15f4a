// Package generated decides whether a file is machine-generated, so that no
// analyzer reports, or proposes fixes, in code that a person does not edit.
//
// It uses go/ast.IsGenerated, which recognises the standard
// "// Code generated ... DO NOT EDIT." comment before the package clause
// (https://go.dev/s/generatedcode) from the already-parsed comments. The
// alternative, honnef.co/go/tools/analysis/facts/generated, re-reads every
// file from disk and also accepts the marker anywhere in the file; the
// convention requires it before the package clause, and the generators in
// common use (protoc-gen-go, stringer, cgo, mockgen, goyacc) all put it
// there.
//
// One exception: the go command hands analyzers the cgo-processed version
// of a file that imports "C". It carries cgo's "Code generated" header, but
// its //line directives map it back to the user's own file, which is judged
// instead.
package generated

import (
	"go/ast"
	"go/parser"
	"go/token"
)

// File reports whether f is a generated file, by its header alone.
func File(f *ast.File) bool { return ast.IsGenerated(f) }

// Source reports whether f, a file of a type-checked package, is generated,
// judging a cgo-processed file by the user's file it was made from.
func Source(fset *token.FileSet, f *ast.File) bool {
	if !ast.IsGenerated(f) {
		return false
	}
	physical := fset.PositionFor(f.Name.Pos(), false).Filename
	original := fset.PositionFor(f.Name.Pos(), true).Filename
	if original == physical || original == "" {
		return true
	}
	orig, err := parser.ParseFile(token.NewFileSet(), original, nil, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		return true // cannot read the original: stay on the safe side
	}
	return ast.IsGenerated(orig)
}
