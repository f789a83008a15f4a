package report_test

import (
	"testing"

	"github.com/prodvet/prodvet/internal/report"
)

func TestNolintMatches(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"//nolint", true},
		{"//nolint // reason", true},
		{"// nolint:httptimeout", true},
		{"//nolint:httptimeout", true},
		{"//nolint:errcheck,httptimeout // why", true},
		{"//nolint:prodvet", true},
		{"//nolint:PRODVET", true},
		{"//nolint:all", true},
		{"//nolint:errcheck", false},
		{"//nolint:errcheck // httptimeout", false},
		{"//nolintx", false},
		{"//nolint:", false},
		{"// not a nolint", false},
		{"/* nolint */", false},
	} {
		if got := report.NolintMatches(tc.text, "httptimeout"); got != tc.want {
			t.Errorf("NolintMatches(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestIsNolint(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"//nolint", true},
		{"// nolint // reason", true},
		{"//nolint:errcheck", true},
		{"//nolint:errorlint // hidden", true},
		{"//nolintx", false},
		{"// not a nolint", false},
		{"/* nolint */", false},
	} {
		if got := report.IsNolint(tc.text); got != tc.want {
			t.Errorf("IsNolint(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestURL(t *testing.T) {
	if got, want := report.URL("httptimeout"), "https://github.com/prodvet/prodvet/blob/main/docs/httptimeout.md"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
}

func TestNosecMatches(t *testing.T) {
	ids := []string{"G112"}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"// #nosec", true},
		{"// #nosec G112", true},
		{"//#nosec G114 G112 -- slow clients are cut by the proxy", true},
		{"// #nosec G114", false},
		{"// #nosec -- reviewed", true},
		{"// nosec", false},
		{"// G112", false},
	} {
		if got := report.NosecMatches(tc.text, ids); got != tc.want {
			t.Errorf("NosecMatches(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestLintIgnoreMatches(t *testing.T) {
	checks := []string{"SA6002"}
	for _, tc := range []struct {
		text     string
		file, ok bool
	}{
		{"//lint:ignore SA6002 the slice header is small", false, true},
		{"//lint:ignore SA4006,SA6002 both reviewed", false, true},
		{"//lint:ignore sa6002 case does not matter", false, true},
		{"//lint:ignore SA* a glob", false, true},
		{"//lint:file-ignore SA6002 pooled by value on purpose", true, true},
		{"//lint:ignore SA6002", false, false}, // no reason: malformed, as in staticcheck
		{"//lint:ignore SA4006 another check", false, false},
		{"// lint:ignore SA6002 not a directive", false, false},
		{"//lint:other SA6002 reason", false, false},
		{"//nolint:staticcheck", false, false},
	} {
		file, ok := report.LintIgnoreMatches(tc.text, checks)
		if file != tc.file || ok != tc.ok {
			t.Errorf("LintIgnoreMatches(%q) = %v, %v, want %v, %v", tc.text, file, ok, tc.file, tc.ok)
		}
	}
}
