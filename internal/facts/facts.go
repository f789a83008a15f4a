// Package facts answers questions about analyzers' use of facts that decide
// how packages must be loaded.
package facts

import "golang.org/x/tools/go/analysis"

// Needed reports whether any of the analyzers, or any analyzer they
// require, declares a fact type: the driver must then analyze every
// dependency from source, not only load its export data.
func Needed(analyzers []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(as []*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if len(a.FactTypes) > 0 || visit(a.Requires) {
				return true
			}
		}
		return false
	}
	return visit(analyzers)
}
