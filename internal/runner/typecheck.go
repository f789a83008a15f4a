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
	src = &source{fset: r.fset}
	var size int
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
		size += len(data)
	}
	if len(errs) > 0 {
		src.release()
		return nil, errs, nil
	}
	src.info = newInfo(size)
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

// newInfo makes the maps of a types.Info for size bytes of source, each
// sized to about what the standard library needs for that much code, so
// that type-checking rarely grows one (growing them cost a tenth of the
// time).
func newInfo(size int) *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue, size/16),
		Defs:         make(map[*ast.Ident]types.Object, size/128),
		Uses:         make(map[*ast.Ident]types.Object, size/32),
		Implicits:    make(map[ast.Node]types.Object, size/1024),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope, size/192),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection, size/256),
		FileVersions: make(map[*ast.File]string),
	}
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

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
