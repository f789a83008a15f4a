package report_test

import (
	"go/ast"
	"path"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/internal/report"
	"github.com/prodvet/prodvet/internal/testutil"
)

// TestTestPolicy checks that the Reporter, not the analyzer, decides where
// test code is reported: the test analyzer reports every function and the
// package name picks the policy.
func TestTestPolicy(t *testing.T) {
	policy := map[string]report.Tests{
		"all":      report.ReportTests,
		"files":    report.SkipTestFiles,
		"support":  report.SkipTests,
		"testutil": report.SkipTests,
	}
	a := &analysis.Analyzer{
		Name: "policy",
		Doc:  "reports every function declaration under the policy its package name selects",
		Run: func(pass *analysis.Pass) (any, error) {
			r := report.New(pass, policy[path.Base(pass.Pkg.Path())])
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok {
						if !r.Covers(fd.Pos()) && !r.Suppressed(fd.Pos()) {
							t.Errorf("%s: not covered by the policy, yet not suppressed", fd.Name.Name)
						}
						r.Report(fd.Name, "", fd.Name.Name)
					}
				}
			}
			return nil, nil
		},
	}
	analysistest.Run(t, testutil.TestData(t), a,
		"reportpolicy/all", "reportpolicy/files", "reportpolicy/support", "reportpolicy/helpers/testutil")
}
