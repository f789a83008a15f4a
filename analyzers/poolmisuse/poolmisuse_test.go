package poolmisuse_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/poolmisuse"
	"github.com/prodvet/prodvet/internal/testutil"
)

// slices returns an analyzer in -poolmisuse.slices mode, under which the
// original testdata checks slices too.
func slices(t *testing.T) *analysis.Analyzer {
	a := poolmisuse.New()
	if err := a.Flags.Set("slices", "true"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSlices(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), slices(t), "poolmisuse/a", "poolmisuse/dot", "poolmisuse/fileignore", "poolmisuse/generic")
}

func TestDefault(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), poolmisuse.New(), "poolmisuse/defaults")
}

func TestDoc(t *testing.T) {
	testutil.CheckDoc(t, poolmisuse.New())
}
