package report

import (
	"go/token"
	"path/filepath"
	"strings"
)

// HonorStaticcheck makes staticcheck's suppressions of one of checks
// (such as "SA6002") silence findings of category, because that check
// reports the same problem: "//lint:ignore SA6002 reason" on the line of
// the finding or alone on the line above its statement,
// "//lint:file-ignore SA6002 reason" anywhere in the file, and
// "//nolint:staticcheck" as golangci-lint runs it. As in staticcheck, a
// lint directive without a reason is malformed and silences nothing;
// checks may be globs ("SA*"). Call it before reporting.
func (r *Reporter) HonorStaticcheck(category string, checks ...string) {
	if r.staticcheck == nil {
		r.staticcheck = map[string][]string{}
	}
	r.staticcheck[category] = append(r.staticcheck[category], checks...)
}

// staticcheckSilenced reports whether a finding of category at pos is
// under a staticcheck suppression of an equivalent check.
func (r *Reporter) staticcheckSilenced(pos token.Pos, category string) bool {
	checks := r.staticcheck[category]
	if len(checks) == 0 {
		return false
	}
	if fi := r.files[r.pass.Fset.File(pos)]; fi != nil {
		for _, cg := range fi.file.Comments {
			for _, c := range cg.List {
				if file, ok := LintIgnoreMatches(c.Text, checks); ok && file {
					return true
				}
			}
		}
	}
	return r.silenced(pos, "staticcheck:"+category, func(text string) bool {
		if file, ok := LintIgnoreMatches(text, checks); ok && !file {
			return true
		}
		return nolintNames(text, "staticcheck")
	})
}

// nolintNames reports whether text is a nolint directive whose list names
// linter; a bare //nolint is handled by Suppressed already.
func nolintNames(text, linter string) bool {
	names, _ := nolintList(text)
	for _, name := range names {
		if strings.EqualFold(strings.TrimSpace(name), linter) {
			return true
		}
	}
	return false
}

// LintIgnoreMatches reports whether the comment text is a staticcheck
// directive "//lint:ignore CHECKS reason" (file false) or
// "//lint:file-ignore CHECKS reason" (file true) whose comma-separated
// CHECKS (globs, case-insensitive) name one of checks.
func LintIgnoreMatches(text string, checks []string) (file, ok bool) {
	rest, found := strings.CutPrefix(text, "//lint:")
	if !found {
		return false, false
	}
	args := strings.Fields(rest)
	if len(args) < 3 { // command, checks and a reason
		return false, false
	}
	switch args[0] {
	case "ignore":
	case "file-ignore":
		file = true
	default:
		return false, false
	}
	for _, pattern := range strings.Split(args[1], ",") {
		for _, check := range checks {
			if m, _ := filepath.Match(strings.ToLower(pattern), strings.ToLower(check)); m {
				return file, true
			}
		}
	}
	return false, false
}
