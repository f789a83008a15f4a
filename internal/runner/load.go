package runner

import (
	"crypto/sha256"
	"fmt"
	"go/types"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/go/buildid"

	"github.com/prodvet/prodvet/internal/driver"
)

// A node is one package of the import graph, from the go command's
// metadata: no syntax and no types until it is analyzed.
type node struct {
	*packages.Package                  // metadata only
	index             int              // in dependency order: every dependency's is smaller
	depBits           []uint64         // the indexes of its dependencies, direct or not
	deps              []*node          // direct imports, by ID
	importers         []*node          // the nodes that import this one
	root              bool             // named by the patterns: all analyzers run, findings are kept
	pending           atomic.Int32     // deps not yet done
	holders           atomic.Int32     // packages not yet done that depend on this one, directly or not
	buildID           string           // what the package's sources hash to
	errs              []packages.Error // its own errors: from go list, or from parsing and type-checking
	broken            *node            // itself, or an import with errors: nothing analyzes it

	// Set once the package is done.
	factData  []byte // its own facts, an encoded factSet
	factsHash Key    // of its facts and, recursively, its dependencies'
	findings  []driver.Finding
	failures  []error

	// Read on first use by an importer (see exportTypes and factsOf).
	typesOnce   sync.Once
	types       *types.Package
	typesErr    error
	typesData   []byte // compacted types, written when it was analyzed (see exportTypes)
	cacheKey    Key    // the key of its results, once known
	resolveOnce sync.Once
	resolved    *resolvedFacts
}

// metadataMode is what the go command reports without type-checking:
// files, imports, and the export data it builds (-export).
const metadataMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedTypesSizes | packages.NeedModule

// loadGraph runs the go command for the patterns and returns the roots
// and every node of their import graph, dependencies first.
func loadGraph(cfg *Config) (roots, all []*node, err error) {
	pkgs, err := packages.Load(&packages.Config{Mode: metadataMode, Dir: cfg.Dir, Tests: cfg.Tests}, cfg.Patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(pkgs) == 0 {
		return nil, nil, fmt.Errorf("%s matched no packages", strings.Join(cfg.Patterns, " "))
	}
	nodes := map[*packages.Package]*node{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		n := &node{Package: p, index: len(all)}
		for _, imp := range p.Imports {
			n.deps = append(n.deps, nodes[imp])
		}
		slices.SortFunc(n.deps, func(a, b *node) int { return strings.Compare(a.ID, b.ID) })
		n.deps = slices.Compact(n.deps)
		for _, d := range n.deps {
			d.importers = append(d.importers, n)
		}
		n.depBits = make([]uint64, n.index/64+1)
		for _, d := range n.deps {
			for i, w := range d.depBits {
				n.depBits[i] |= w
			}
			n.depBits[d.index/64] |= 1 << (d.index % 64)
		}
		n.pending.Store(int32(len(n.deps)))
		n.errs = listErrors(p)
		nodes[p] = n
		all = append(all, n)
	})
	for _, p := range pkgs {
		nodes[p].root = true
		roots = append(roots, nodes[p])
	}
	return roots, all, nil
}

// listErrors are the package's errors from go list, less a failed build:
// the package is then parsed and type-checked here, whose errors name the
// file and line as a type-checking load always did. A build failure whose
// cause that does not find is reported as the go command printed it.
func listErrors(p *packages.Package) []packages.Error {
	var errs []packages.Error
	for _, e := range p.Errors {
		if e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") && p.ExportFile == "" {
			continue
		}
		errs = append(errs, e)
	}
	return errs
}

// buildFailure is the go command's own report of a failed build of p, the
// "# path" line dropped, for when type-checking finds no error.
func buildFailure(p *packages.Package) []packages.Error {
	var errs []packages.Error
	for _, e := range p.Errors {
		if e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
			_, rest, _ := strings.Cut(e.Msg, "\n")
			errs = append(errs, packages.Error{Pos: "-", Msg: strings.TrimSpace(rest), Kind: packages.ListError})
		}
	}
	return errs
}

// sourceHash identifies the package's sources, go.mod's go line and build
// configuration: the action ID of the build ID the go command stamped on
// its export data, which covers all of them and the dependencies' export
// data. Without export data, the files' contents stand in.
func sourceHash(p *packages.Package) (string, error) {
	if p.ExportFile != "" {
		if id, err := buildid.ReadFile(p.ExportFile); err == nil {
			if action, _, ok := strings.Cut(id, "/"); ok {
				return "build " + action, nil
			}
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", runtime.GOOS, runtime.GOARCH)
	files := slices.Clone(p.CompiledGoFiles)
	if p.Module != nil && p.Module.GoMod != "" {
		files = append(files, p.Module.GoMod)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %x\n", name, sha256.Sum256(data))
	}
	return fmt.Sprintf("files %x", h.Sum(nil)), nil
}
