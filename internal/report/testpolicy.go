package report

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Tests is a Reporter's policy for test code. Analyzers of production
// policy (timeouts, contexts, error chains) leave tests alone: what a test
// does reaches no production caller.
type Tests int

const (
	// ReportTests reports in test files and test-support packages alike.
	ReportTests Tests = iota
	// SkipTestFiles reports nothing in _test.go files.
	SkipTestFiles
	// SkipTests reports nothing in _test.go files nor anywhere in a
	// test-support package (see TestSupport).
	SkipTests
)

// InTestFile reports whether pos lies in a _test.go file. Several analyzers
// leave tests alone by policy: what a test does reaches no production
// caller.
func InTestFile(fset *token.FileSet, pos token.Pos) bool {
	tf := fset.File(pos)
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}

// ImportsTesting reports whether a non-test file of the package imports
// testing: the package is test support (fakes, assertion helpers), not
// production code.
func ImportsTesting(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		if InTestFile(pass.Fset, f.FileStart) {
			continue
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"testing"` {
				return true
			}
		}
	}
	return false
}

// TestSupport reports whether the package is test support: a non-test file
// imports testing, or an element of its path is testutil, testutils,
// testhelper or testhelpers, by convention.
func TestSupport(pass *analysis.Pass) bool {
	for elem := range strings.SplitSeq(pass.Pkg.Path(), "/") {
		switch elem {
		case "testutil", "testutils", "testhelper", "testhelpers":
			return true
		}
	}
	return ImportsTesting(pass)
}
