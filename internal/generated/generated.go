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
package generated

import (
	"go/ast"
	"go/token"
)

// File reports whether f is a generated file.
func File(f *ast.File) bool { return ast.IsGenerated(f) }

// Files returns the set of generated files among files, keyed by their
// token.File, for fast lookups at report time.
func Files(fset *token.FileSet, files []*ast.File) map[*token.File]bool {
	m := make(map[*token.File]bool)
	for _, f := range files {
		if ast.IsGenerated(f) {
			m[fset.File(f.FileStart)] = true
		}
	}
	return m
}
