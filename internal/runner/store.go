package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/prodvet/prodvet/internal/driver"
)

// key is the cache key of n's result: the salt of the analyzers that run
// on it (prodvet's build, the analyzers and their options: all of them on
// a named package, those with facts on a dependency), the package and
// its files, what its
// sources hash to (which covers go.mod's go line, the build
// configuration, the Go toolchain and the dependencies' export data), and
// the hash of each dependency's facts, which covers their dependencies'.
func (r *run) key(n *node) Key {
	h := sha256.New()
	salt := r.depSalt
	if n.root {
		salt = r.rootSalt
	}
	fmt.Fprintf(h, "salt %x\nid %s\npath %s\nroot %t\nsource %s\n", salt, n.ID, n.PkgPath, n.root, n.buildID)
	for _, f := range n.CompiledGoFiles {
		fmt.Fprintf(h, "file %s\n", f) // findings name them
	}
	for _, d := range n.deps {
		fmt.Fprintf(h, "dep %s %x\n", d.ID, d.factsHash)
	}
	return Key(h.Sum(nil))
}

// hashFacts hashes n's encoded facts and, through their hashes, those of
// all its dependencies: a dependent's key changes when any of them does.
func (r *run) hashFacts(n *node, encoded []byte) Key {
	h := sha256.New()
	fmt.Fprintf(h, "facts %s %d\n", n.ID, len(encoded))
	h.Write(encoded)
	for _, d := range n.deps {
		fmt.Fprintf(h, "dep %x\n", d.factsHash)
	}
	return Key(h.Sum(nil))
}

// An entry is what the cache keeps of one package.
type entry struct {
	Facts    []byte // an encoded factSet
	Findings []cachedFinding
}

// A cachedFinding is a driver.Finding with its analyzer by name.
type cachedFinding struct {
	Analyzer string
	PkgID    string
	Category string
	Message  string
	Start    token.Position
	End      token.Position
	Fixes    []driver.Fix
	Related  []driver.Related
}

// An encoded entry starts with its form: most are a dependency's, with
// facts and no findings, which is the encoded facts as they are; others
// are gob-encoded. (A gob stream carries the description of its types,
// and decoding that for every one of thousands of entries was a tenth of
// an unchanged re-run.)
const (
	factsOnlyEntry = 'F'
	gobEntry       = 'G'
)

func encodeEntry(e *entry) ([]byte, error) {
	if len(e.Findings) == 0 {
		return append([]byte{factsOnlyEntry}, e.Facts...), nil
	}
	buf := bytes.NewBuffer([]byte{gobEntry})
	err := gob.NewEncoder(buf).Encode(e)
	return buf.Bytes(), err
}

func decodeEntry(data []byte, e *entry) error {
	if len(data) == 0 {
		return fmt.Errorf("empty entry")
	}
	switch data[0] {
	case factsOnlyEntry:
		e.Facts = data[1:]
		return nil
	case gobEntry:
		return gob.NewDecoder(bytes.NewReader(data[1:])).Decode(e)
	}
	return fmt.Errorf("unknown entry form %q", data[0])
}

func (r *run) store(n *node, k Key) {
	e := entry{Facts: n.factData}
	for _, f := range n.findings {
		e.Findings = append(e.Findings, cachedFinding{f.Analyzer.Name, f.PkgID, f.Category, f.Message, f.Start, f.End, f.Fixes, f.Related})
	}
	data, err := encodeEntry(&e)
	if err == nil {
		err = r.cfg.Cache.Put(k, data)
	}
	if err != nil {
		r.warnOnce(&r.putWarned, "prodvet: warning: cannot write the cache (%v); going on without keeping results\n", err)
	}
}

// load reads n's result from the cache. An entry that cannot be read or
// decoded is reported and ignored: the package is analyzed again.
func (r *run) load(n *node, k Key) bool {
	data, err := r.cfg.Cache.Get(k)
	if err == nil && data == nil {
		return false
	}
	if err != nil && !errors.Is(err, errCorrupt) {
		r.warnOnce(&r.getWarned, "prodvet: warning: cannot read the cache (%v); analyzing without it\n", err)
		return false
	}
	var e entry
	if err == nil {
		err = decodeEntry(data, &e)
	}
	if err == nil {
		_, err = decodeFacts(e.Facts) // never trust an entry whose facts do not decode
	}
	var findings []driver.Finding
	for _, cf := range e.Findings {
		a := r.analyzer(cf.Analyzer)
		if a == nil {
			err = fmt.Errorf("unknown analyzer %q", cf.Analyzer)
			break
		}
		findings = append(findings, driver.Finding{Analyzer: a, PkgID: cf.PkgID, Category: cf.Category, Message: cf.Message,
			Start: cf.Start, End: cf.End, Fixes: cf.Fixes, Related: cf.Related})
	}
	if err != nil {
		r.warn("prodvet: warning: ignoring the unreadable cache entry %s of %s (%v); analyzing it again\n", k, n.ID, err)
		return false
	}
	n.factData = e.Facts
	n.factsHash = r.hashFacts(n, e.Facts)
	n.findings = findings
	return true
}

// warn writes a warning; packages are loaded in parallel, and Warnings
// need not be safe for concurrent use.
func (r *run) warn(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.cfg.Warnings, format, args...)
}

// warnOnce writes a warning the first time *done is false: a cache that
// cannot be read or written says so once, not once per package.
func (r *run) warnOnce(done *bool, format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !*done {
		*done = true
		fmt.Fprintf(r.cfg.Warnings, format, args...)
	}
}

func (r *run) analyzer(name string) *analysis.Analyzer {
	for _, a := range r.full {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// optionsOf lists every flag of the analyzers with its value, in order.
func optionsOf(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		a.Flags.VisitAll(func(f *flag.Flag) {
			out = append(out, fmt.Sprintf("%s.%s=%s", a.Name, f.Name, f.Value))
		})
	}
	return out
}

func errorOf(err error) packages.Error {
	return packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError}
}

// loadErrors lists the errors of the nodes, in dependency order, once each.
func loadErrors(nodes []*node) []string {
	var msgs []string
	for _, n := range nodes {
		for _, e := range n.errs {
			if msg := driver.ErrorMessage(n.PkgPath, e); !slices.Contains(msgs, msg) {
				msgs = append(msgs, msg)
			}
		}
	}
	return msgs
}

func module(n *node) *analysis.Module {
	if n.Module == nil {
		return &analysis.Module{}
	}
	return &analysis.Module{Path: n.Module.Path, Version: n.Module.Version, GoVersion: n.Module.GoVersion}
}

// readFile lets an analyzer read the files of its package, and no others:
// those it parsed, its other files and its ignored files, as the checker
// allows.
func readFile(n *node) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if !slices.Contains(n.CompiledGoFiles, name) && !slices.Contains(n.OtherFiles, name) && !slices.Contains(n.IgnoredFiles, name) {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", name)
		}
		return os.ReadFile(name)
	}
}
