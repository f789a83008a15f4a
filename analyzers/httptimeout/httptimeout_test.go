package httptimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/prodvet/prodvet/analyzers/httptimeout"
	"github.com/prodvet/prodvet/internal/testutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t), httptimeout.New(), "httptimeout/a", "httptimeout/dot", "httptimeout/paced")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), httptimeout.New(), "httptimeout/fix")
}

func TestOptions(t *testing.T) {
	a := httptimeout.New()
	if err := a.Flags.Set("client-timeout", "1m30s"); err != nil {
		t.Fatal(err)
	}
	if err := a.Flags.Set("server-header-timeout", "500ms"); err != nil {
		t.Fatal(err)
	}
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t), a, "httptimeout/options")
	// A fresh instance keeps the defaults: options are not shared.
	if got := httptimeout.New().Flags.Lookup("client-timeout").Value.String(); got != "30s" {
		t.Errorf("fresh analyzer has client-timeout %s, want 30s", got)
	}
}
