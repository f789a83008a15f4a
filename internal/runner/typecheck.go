package runner

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// A source is a package parsed and type-checked from its files, with its
// imports' types from their export data.
type source struct {
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
}

// typeCheck parses and type-checks n. Errors in the package's files are
// returned as its errors; err is for failures to read them or the export
// data of its imports.
//
// The files are parsed into the run's file set, which also holds the
// positions of the export data, so that an analyzer can resolve the
// position of an imported object as it could when every package came from
// source; release removes them again once the package is done.
func (r *run) typeCheck(n *node) (src *source, errs []packages.Error, err error) {
	src = &source{
		fset: r.fset,
		info: &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		},
	}
	for _, name := range n.CompiledGoFiles {
		data, err := os.ReadFile(name)
		if err != nil {
			src.release()
			return nil, nil, err
		}
		// No analyzer uses the deprecated ast.Object resolution; gopls and
		// staticcheck skip it too.
		f, err := parser.ParseFile(src.fset, name, data, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		if list, ok := errors.AsType[scanner.ErrorList](err); ok {
			for _, e := range list {
				errs = append(errs, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			errs = append(errs, packages.Error{Pos: name, Msg: err.Error(), Kind: packages.ParseError})
		}
		if f != nil {
			src.files = append(src.files, f)
		}
	}
	if len(errs) > 0 {
		src.release()
		return nil, errs, nil
	}
	var importErr error
	tc := &types.Config{
		Sizes: n.TypesSizes,
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			dep := n.importOf(path)
			if dep == nil {
				return nil, fmt.Errorf("no metadata for %q", path)
			}
			p, err := r.exportTypes(dep)
			if err != nil && importErr == nil {
				importErr = err
			}
			return p, err
		}),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				errs = append(errs, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
			} else {
				errs = append(errs, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.TypeError})
			}
		},
	}
	if n.Module != nil && n.Module.GoVersion != "" {
		tc.GoVersion = "go" + n.Module.GoVersion
	}
	src.pkg = types.NewPackage(n.PkgPath, n.Name)
	_ = types.NewChecker(tc, src.fset, src.pkg, src.info).Files(src.files) // errors are in errs
	if importErr != nil {
		src.release()
		return nil, nil, importErr
	}
	return src, errs, nil
}

// release drops the package's files from the run's file set.
func (src *source) release() {
	for _, f := range src.files {
		if tf := src.fset.File(f.FileStart); tf != nil {
			src.fset.RemoveFile(tf)
		}
	}
}

// importOf returns the node of the package that n imports as path.
func (n *node) importOf(path string) *node {
	p := n.Imports[path]
	if p == nil {
		return nil
	}
	for _, d := range n.deps {
		if d.Package == p {
			return d
		}
	}
	return nil
}

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
		if n.ExportFile == "" {
			n.typesErr = fmt.Errorf("no export data for %s", n.ID)
			return
		}
		imports := map[string]*types.Package{}
		for _, d := range transitive(n) {
			if d.PkgPath == "unsafe" {
				continue
			}
			p, err := r.exportTypes(d)
			if err != nil {
				n.typesErr = err
				return
			}
			imports[d.PkgPath] = p
		}
		f, err := os.Open(n.ExportFile)
		if err != nil {
			n.typesErr = err
			return
		}
		defer f.Close()
		rd, err := gcexportdata.NewReader(f)
		if err == nil {
			n.types, err = gcexportdata.Read(rd, r.fset, imports, n.PkgPath)
		}
		if err != nil {
			n.typesErr = fmt.Errorf("reading export data of %s: %w", n.ID, err)
		}
	})
	return n.types, n.typesErr
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
