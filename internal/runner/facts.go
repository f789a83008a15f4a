package runner

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// A factSet holds the facts that the analyzers exported about one
// package and its objects, independent of any types.Package: objects are
// named by their objectpath, and resolved against the package's export
// data, which every importer shares.
type factSet struct {
	Facts []gobFact
}

type gobFact struct {
	Object string // objectpath; "" for a package fact
	Fact   analysis.Fact
}

var registered sync.Map // fact type -> true

// registerFacts registers the fact types of the analyzers with gob.
func registerFacts(as []*analysis.Analyzer) {
	for _, a := range as {
		for _, f := range a.FactTypes {
			if _, loaded := registered.LoadOrStore(reflect.TypeOf(f), true); !loaded {
				gob.Register(f)
			}
		}
	}
}

func (s *factSet) encode() ([]byte, error) {
	if len(s.Facts) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s); err != nil {
		return nil, fmt.Errorf("encoding facts: %w", err)
	}
	return buf.Bytes(), nil
}

func decodeFacts(data []byte) (*factSet, error) {
	s := new(factSet)
	if len(data) == 0 {
		return s, nil
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(s); err != nil {
		return nil, fmt.Errorf("decoding facts: %w", err)
	}
	return s, nil
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

// resolvedFacts are one package's facts, resolved against its export data
// types.
type resolvedFacts struct {
	objects map[objectFactKey]analysis.Fact
	pkg     map[reflect.Type]analysis.Fact
}

// factsOf returns n's facts, resolved once against its export data, which
// every importer of n type-checks against. An object that the export data
// omits has no importer that could ask about it, as with go vet.
func (r *run) factsOf(n *node) *resolvedFacts {
	n.resolveOnce.Do(func() {
		n.resolved = &resolvedFacts{objects: map[objectFactKey]analysis.Fact{}, pkg: map[reflect.Type]analysis.Fact{}}
		if len(n.factData) == 0 {
			return
		}
		tpkg, err := r.exportTypes(n)
		if err != nil {
			return // then no importer type-checked against n either
		}
		set, err := decodeFacts(n.factData)
		if err != nil {
			return // load and analyze decode each set before keeping it
		}
		for _, f := range set.Facts {
			typ := reflect.TypeOf(f.Fact)
			if f.Object == "" {
				n.resolved.pkg[typ] = f.Fact
				continue
			}
			if obj, err := objectpath.Object(tpkg, objectpath.Path(f.Object)); err == nil {
				n.resolved.objects[objectFactKey{obj, typ}] = f.Fact
			}
		}
	})
	return n.resolved
}

// A factTable holds the facts visible while one package is analyzed: its
// dependencies', and its own as the analyzers export them.
type factTable struct {
	r       *run
	pkg     *types.Package
	deps    map[*types.Package]*node // the package's dependencies, direct or not, by their types
	objects map[objectFactKey]analysis.Fact
	pkgs    map[reflect.Type]analysis.Fact
}

func (r *run) newFactTable(n *node, pkg *types.Package) *factTable {
	t := &factTable{r: r, pkg: pkg, deps: map[*types.Package]*node{},
		objects: map[objectFactKey]analysis.Fact{}, pkgs: map[reflect.Type]analysis.Fact{}}
	for _, d := range r.transitive(n) {
		if d.types != nil {
			t.deps[d.types] = d
		}
	}
	return t
}

// factsFor returns the facts of the dependency pkg, or nil.
func (t *factTable) factsFor(pkg *types.Package) *resolvedFacts {
	if d := t.deps[pkg]; d != nil {
		return t.r.factsOf(d)
	}
	return nil
}

// own collects the facts that the package itself exported, in a stable
// order, so that the same facts always encode to the same bytes.
func (t *factTable) own() *factSet {
	s := &factSet{}
	var enc objectpath.Encoder
	for k, f := range t.objects {
		path, err := enc.For(k.obj)
		if err != nil {
			continue // a local object: no importer can name it
		}
		s.Facts = append(s.Facts, gobFact{Object: string(path), Fact: f})
	}
	for _, f := range t.pkgs {
		s.Facts = append(s.Facts, gobFact{Fact: f})
	}
	slices.SortFunc(s.Facts, func(a, b gobFact) int {
		return cmp.Or(cmp.Compare(a.Object, b.Object), cmp.Compare(reflect.TypeOf(a.Fact).String(), reflect.TypeOf(b.Fact).String()))
	})
	return s
}

// bind gives pass the fact functions of the table, restricted to the
// analyzer's fact types as the analysis API requires.
func (t *factTable) bind(pass *analysis.Pass) {
	mine := map[reflect.Type]bool{}
	for _, f := range pass.Analyzer.FactTypes {
		mine[reflect.TypeOf(f)] = true
	}
	check := func(fact analysis.Fact) reflect.Type {
		typ := reflect.TypeOf(fact)
		if !mine[typ] {
			panic(fmt.Sprintf("%s: fact type %s is not in its FactTypes", pass.Analyzer.Name, typ))
		}
		return typ
	}
	copyInto := func(dst, src analysis.Fact) {
		reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src).Elem())
	}
	pass.ImportObjectFact = func(obj types.Object, fact analysis.Fact) bool {
		if obj == nil {
			panic("nil object")
		}
		key := objectFactKey{obj, check(fact)}
		f, ok := t.objects[key]
		if !ok && obj.Pkg() != t.pkg {
			if rf := t.factsFor(obj.Pkg()); rf != nil {
				f, ok = rf.objects[key]
			}
		}
		if ok {
			copyInto(fact, f)
		}
		return ok
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj.Pkg() != t.pkg {
			panic(fmt.Sprintf("%s: fact about %s, which is not in package %s", pass.Analyzer.Name, obj, t.pkg.Path()))
		}
		t.objects[objectFactKey{obj, check(fact)}] = fact
	}
	pass.ImportPackageFact = func(pkg *types.Package, fact analysis.Fact) bool {
		typ := check(fact)
		var f analysis.Fact
		var ok bool
		if pkg == t.pkg {
			f, ok = t.pkgs[typ]
		} else if rf := t.factsFor(pkg); rf != nil {
			f, ok = rf.pkg[typ]
		}
		if ok {
			copyInto(fact, f)
		}
		return ok
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		t.pkgs[check(fact)] = fact
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		var out []analysis.ObjectFact
		add := func(m map[objectFactKey]analysis.Fact) {
			for k, f := range m {
				if mine[k.typ] {
					out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
				}
			}
		}
		for _, d := range t.deps {
			add(t.r.factsOf(d).objects)
		}
		add(t.objects)
		return out
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		var out []analysis.PackageFact
		for p, d := range t.deps {
			for typ, f := range t.r.factsOf(d).pkg {
				if mine[typ] {
					out = append(out, analysis.PackageFact{Package: p, Fact: f})
				}
			}
		}
		for typ, f := range t.pkgs {
			if mine[typ] {
				out = append(out, analysis.PackageFact{Package: t.pkg, Fact: f})
			}
		}
		return out
	}
}
