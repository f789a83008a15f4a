package errcmp_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/errcmp"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), errcmp.New(), "errcmp/a", "errcmp/owner", "errcmp/dot", "errcmp/renamed", "errcmp/never", "errcmp/settled")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), errcmp.New(), "errcmp/fix", "errcmp/fixold")
}
