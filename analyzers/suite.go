// Package analyzers holds prodvet's analyzers, one package each, and Suite,
// the one ordered list of them that the CLI, the go vet tool, the
// golangci-lint plugin and the generated docs all use.
package analyzers

//go:generate go run ../cmd/gendocs -o ../docs

import (
	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers/atomicmix"
	"github.com/prodvet/prodvet/analyzers/ctxprop"
	"github.com/prodvet/prodvet/analyzers/errcmp"
	"github.com/prodvet/prodvet/analyzers/errwrap"
	"github.com/prodvet/prodvet/analyzers/httptimeout"
	"github.com/prodvet/prodvet/analyzers/loopcapture"
	"github.com/prodvet/prodvet/analyzers/poolmisuse"
	"github.com/prodvet/prodvet/analyzers/rangeclose"
	"github.com/prodvet/prodvet/analyzers/readcontract"
	"github.com/prodvet/prodvet/analyzers/selectspin"
	"github.com/prodvet/prodvet/analyzers/unwaitedgo"
	"github.com/prodvet/prodvet/analyzers/wgmisuse"
)

// Suite returns fresh instances of every prodvet analyzer, in a stable
// order. Each call builds new analyzers with default options, so callers
// may set options (flags) without affecting one another.
func Suite() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		httptimeout.New(),
		ctxprop.New(),
		loopcapture.New(),
		wgmisuse.New(),
		unwaitedgo.New(),
		rangeclose.New(),
		selectspin.New(),
		atomicmix.New(),
		poolmisuse.New(),
		errwrap.New(),
		errcmp.New(),
		readcontract.New(),
	}
}
