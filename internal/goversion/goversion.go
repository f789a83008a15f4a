// Package goversion answers which Go language version a file is compiled
// with, so that analyzers can apply rules that depend on it (per-iteration
// loop variables since Go 1.22, several %w verbs since Go 1.20).
package goversion

import (
	"go/ast"
	"go/types"
	"go/version"
)

// Versions at which language semantics that analyzers care about changed.
const (
	// PerIterationLoopVars: each loop iteration has its own variables.
	PerIterationLoopVars = "go1.22"
	// MultipleErrorWraps: fmt.Errorf accepts several %w verbs.
	MultipleErrorWraps = "go1.20"
)

// Of returns the Go version of file, such as "go1.21", from the per-file
// versions recorded by the type checker (the module's go line, or a
// //go:build constraint in the file). It returns "" when unknown.
func Of(info *types.Info, file *ast.File) string {
	if info == nil || file == nil || info.FileVersions == nil {
		return ""
	}
	return info.FileVersions[file]
}

// AtLeast reports whether file is compiled with Go version want or later.
// An unknown version counts as the newest, the way the compiler treats it.
func AtLeast(info *types.Info, file *ast.File, want string) bool {
	v := Of(info, file)
	if v == "" || !version.IsValid(v) {
		return true
	}
	return version.Compare(v, want) >= 0
}
