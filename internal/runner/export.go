package runner

import (
	"bytes"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/gcexportdata"
)

// The types of a package's imports come from the export data the go
// command's compiler wrote: every object of the package, and the bodies
// it may inline. A name the decoder makes is a substring of the whole
// data, so one live name keeps all of it in memory, 100 KiB a package on
// average. rawBudget bounds the export data held that way at once; past
// it, a package's types are compacted (decoded, written in the indexed
// format, which holds only declarations, and decoded from that), which
// costs a few milliseconds a package and holds a fifth of the memory.
// Small graphs never reach the budget; large ones stay flat.
var rawBudget int64 = 48 << 20 // a variable for tests

// exportTypes returns n's types, read from its export data once, after
// those of its dependencies, and shared by every package that imports it.
//
// Sharing is what keeps the driver fast: reading an import's export data
// anew for every importer costs more than type-checking from source. It
// is safe because export data is read into a map of the package's own
// dependencies (one package per path in any one import graph, test
// variants included), each already complete, so reading n creates only
// n's objects and never changes a package that another goroutine may be
// type-checking against.
func (r *run) exportTypes(n *node) (*types.Package, error) {
	n.typesOnce.Do(func() {
		n.types, n.typesErr = r.readExport(n)
		if n.typesErr != nil {
			n.typesErr = fmt.Errorf("reading export data of %s: %w", n.ID, n.typesErr)
		}
	})
	return n.types, n.typesErr
}

func (r *run) readExport(n *node) (*types.Package, error) {
	if n.ExportFile == "" {
		return nil, fmt.Errorf("no export data")
	}
	imports := map[string]*types.Package{}
	for _, d := range transitive(n) {
		if d.PkgPath == "unsafe" {
			continue
		}
		p, err := r.exportTypes(d)
		if err != nil {
			return nil, err
		}
		imports[d.PkgPath] = p
	}
	f, err := os.Open(n.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, err
	}
	if size := int64(len(data)); r.rawHeld.Add(size) <= rawBudget {
		n.rawSize = size
		return r.decode(data, imports, n.PkgPath)
	} else {
		r.rawHeld.Add(-size)
	}
	return r.decodeCompact(data, imports, n.PkgPath)
}

// decodeCompact decodes export data, writes the package's types in the
// indexed format and decodes them from that, so that they hold only the
// memory of their declarations.
func (r *run) decodeCompact(data []byte, imports map[string]*types.Package, path string) (*types.Package, error) {
	deps := maps.Clone(imports) // Read adds the package itself
	fset := token.NewFileSet()
	full, err := gcexportdata.Read(bytes.NewReader(data), fset, imports, path)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, fset, full); err != nil {
		return nil, err
	}
	return r.decode(buf.Bytes(), deps, path)
}

// decode decodes export data into the run's file set. The decoder names
// the files of its positions with substrings of the data, which the run's
// file set would keep, with all the data, until the end; so it decodes
// into a file set of its own whose positions lie in a range reserved in
// the run's, then moves the files over with their names copied.
func (r *run) decode(data []byte, imports map[string]*types.Package, path string) (*types.Package, error) {
	if strconv.IntSize < 64 {
		// token.Pos has no room for reserved ranges: keep the data instead.
		return gcexportdata.Read(bytes.NewReader(data), r.fset, imports, path)
	}
	const reserve = 1 << 32
	reserved := r.fset.AddFile("", -1, reserve)
	defer r.fset.RemoveFile(reserved)
	fset := token.NewFileSet()
	if base := reserved.Base(); base > 1 {
		fset.AddFile("", 1, base-2) // the next file starts at base
	}
	pkg, err := gcexportdata.Read(bytes.NewReader(data), fset, imports, path)
	if err != nil {
		return nil, err
	}
	if fset.Base() > reserved.Base()+reserve {
		return nil, fmt.Errorf("positions exceed the %d bytes reserved for them", reserve)
	}
	var files []*token.File
	copies := token.NewFileSet()
	fset.Iterate(func(f *token.File) bool {
		if f.Base() >= reserved.Base() {
			c := copies.AddFile(strings.Clone(f.Name()), f.Base(), f.Size())
			c.SetLines(f.Lines())
			files = append(files, c)
		}
		return true
	})
	r.fset.RemoveFile(reserved)
	r.fset.AddExistingFiles(files...)
	return pkg, nil
}

// release drops n's export data types and resolved facts, once no package
// that could import them is left: no other package's types refer to them
// then either, so their memory is freed.
func (r *run) release(n *node) {
	n.types, n.resolved, n.factData = nil, nil, nil
	r.rawHeld.Add(-n.rawSize)
	n.rawSize = 0
}
