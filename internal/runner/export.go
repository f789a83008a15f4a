package runner

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/prodvet/prodvet/internal/driver"

	"golang.org/x/tools/go/gcexportdata"
)

// exportTypes returns n's types, read once, after those of its
// dependencies, and shared by every package that imports it.
//
// Sharing is what keeps the driver fast: reading an import's export data
// anew for every importer costs more than type-checking from source. It
// is safe because a package's types are read into a map of its own
// dependencies (one package per path in any one import graph, test
// variants included), each of which already holds every object that the
// data can refer to: reading n creates only n's objects and never changes
// a package that another goroutine may be type-checking against.
//
// A package's types come from the export data the go command's compiler
// wrote, which holds every package-level object of the package. A name
// decoded from it is a substring of the whole data, and one live name
// keeps all of it in memory: fine for the packages of a build, but not
// for test variants ("q [p.test]", q compiled again against p's test
// files), of which a large module has thousands, each with export data of
// its own. Their types are compacted instead: written in the indexed
// format, which holds only what the package's exported API reaches, from
// the types their own analysis checked, and read from that. Compacted
// types never serve a package read from compiler export data (no package
// of a build imports a test variant), whose reading would add the objects
// the compact form leaves out to the shared package.
func (r *run) exportTypes(n *node) (*types.Package, error) {
	n.typesOnce.Do(func() {
		n.types, n.typesErr = r.readTypes(n)
		if n.typesErr != nil {
			n.typesErr = fmt.Errorf("reading the types of %s: %w", n.ID, n.typesErr)
		}
	})
	return n.types, n.typesErr
}

// compacted reports whether n's importers see compacted types (see
// exportTypes). Without analyzers that have facts, dependencies are not
// analyzed, and every package's types come from compiler export data.
func (r *run) compacted(n *node) bool {
	return len(r.factful) > 0 && n.ID != n.PkgPath && strings.HasSuffix(n.ID, ".test]")
}

func (r *run) readTypes(n *node) (*types.Package, error) {
	imports := map[string]*types.Package{}
	for _, d := range r.transitive(n) {
		if d.PkgPath == "unsafe" {
			continue
		}
		p, err := r.exportTypes(d)
		if err != nil {
			return nil, err
		}
		imports[d.PkgPath] = p
	}
	var data []byte
	var err error
	if r.compacted(n) {
		data, err = r.compactTypes(n)
	} else {
		data, err = readExportData(n)
	}
	if err != nil {
		return nil, err
	}
	return r.decode(data, imports, n.PkgPath)
}

// compactTypes returns n's compacted types: written when it was analyzed,
// else kept in the cache from the run that analyzed it, else written
// again from its source.
func (r *run) compactTypes(n *node) ([]byte, error) {
	if data := n.typesData; data != nil {
		n.typesData = nil
		return data, nil
	}
	if r.cfg.Cache != nil && n.cacheKey != (Key{}) {
		data, err := r.cfg.Cache.Get(typesKey(n.cacheKey))
		if data != nil && err == nil {
			return data, nil
		}
	}
	src, errs, err := r.typeCheck(n)
	if err != nil {
		return nil, err
	}
	defer src.release()
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", driver.ErrorMessage(n.PkgPath, errs[0]))
	}
	var buf bytes.Buffer
	err = gcexportdata.Write(&buf, src.fset, src.pkg)
	return buf.Bytes(), err
}

// writeTypes writes the compacted types of n, which src holds, and keeps
// them in the cache. It returns them too, unless the cache has them.
func (r *run) writeTypes(n *node, src *source) ([]byte, error) {
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, src.fset, src.pkg); err != nil {
		return nil, err
	}
	if r.cfg.Cache != nil && n.cacheKey != (Key{}) {
		err := r.cfg.Cache.Put(typesKey(n.cacheKey), buf.Bytes())
		if err == nil {
			return nil, nil // read back when an importer needs them: memory holds none meanwhile
		}
		r.warnOnce(&r.putWarned, "prodvet: warning: cannot write the cache (%v); going on without keeping results\n", err)
	}
	return bytes.Clone(buf.Bytes()), nil // without the buffer's spare capacity
}

// checkShared, when tests set it, is told of every object that reading a
// package's types adds to a dependency's: none may be (see exportTypes).
var checkShared func(error)

// typesKey is the cache key of the compacted types of the package whose
// results are kept under k.
func typesKey(k Key) Key {
	return Key(sha256.Sum256(append([]byte("types "), k[:]...)))
}

// readExportData reads the export data the go command's compiler wrote
// for n.
func readExportData(n *node) ([]byte, error) {
	if n.ExportFile == "" {
		return nil, fmt.Errorf("no export data")
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
	return io.ReadAll(rd)
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
	var sizes map[*types.Package]int
	if checkShared != nil {
		sizes = map[*types.Package]int{}
		for _, p := range imports {
			sizes[p] = p.Scope().Len()
		}
	}
	pkg, err := gcexportdata.Read(bytes.NewReader(data), fset, imports, path)
	if err != nil {
		return nil, err
	}
	for p, n := range sizes {
		if p.Scope().Len() != n {
			checkShared(fmt.Errorf("reading %s added %d objects to the shared package %s", path, p.Scope().Len()-n, p.Path()))
		}
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
	n.types, n.resolved, n.factData, n.typesData = nil, nil, nil, nil
}
