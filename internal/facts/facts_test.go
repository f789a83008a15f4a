package facts_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/internal/facts"
)

type aFact struct{}

func (*aFact) AFact() {}

func TestNeeded(t *testing.T) {
	withFacts := &analysis.Analyzer{Name: "withfacts", FactTypes: []analysis.Fact{new(aFact)}}
	plain := &analysis.Analyzer{Name: "plain"}
	requiring := &analysis.Analyzer{Name: "requiring", Requires: []*analysis.Analyzer{plain, withFacts}}
	if facts.Needed([]*analysis.Analyzer{plain}) {
		t.Error("plain analyzer: facts needed, want not")
	}
	if !facts.Needed([]*analysis.Analyzer{plain, withFacts}) {
		t.Error("analyzer with facts: not needed, want needed")
	}
	if !facts.Needed([]*analysis.Analyzer{requiring}) {
		t.Error("analyzer requiring one with facts: not needed, want needed")
	}
}
