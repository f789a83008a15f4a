// Command vetjson reads the JSON that prodvet -json (and go vet -json)
// prints and turns it into lines for bench/findings.sh and bench/fixcheck.sh.
//
//	prodvet -json ./... | vetjson -module NAME -root DIR             findings, one a line, sorted:
//	                                                                  module<TAB>file<TAB>line<TAB>analyzer<TAB>message
//	prodvet -json ./... | vetjson -root DIR -fixfiles                 the files that the first suggested
//	                                                                  fix of some finding edits (what -fix may change)
//
// File names are made relative to -root. An analyzer error in the input
// ({"error": ...}) is printed and makes the exit status 2.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

type diagnostic struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Edits []struct {
			Filename string `json:"filename"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

type finding struct {
	file     string
	line     int
	analyzer string
	message  string
}

func main() {
	module := flag.String("module", "", "module name for the first column")
	root := flag.String("root", ".", "directory that file names are made relative to")
	fixfiles := flag.Bool("fixfiles", false, "print the files that suggested fixes edit, instead of the findings")
	flag.Parse()
	if err := convert(os.Stdin, os.Stdout, *module, *root, *fixfiles); err != nil {
		fmt.Fprintf(os.Stderr, "vetjson: %v\n", err)
		os.Exit(2)
	}
}

func convert(r io.Reader, w io.Writer, module, root string, fixfiles bool) error {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	rel := func(name string) string {
		if r, err := filepath.Rel(absRoot, name); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
		return name
	}
	var findings []finding
	files := map[string]bool{}
	var errs []string
	// go vet -json prints one JSON object per package (with a "# pkg" comment
	// line before each); prodvet prints one object for all. Read a stream.
	dec := json.NewDecoder(skipComments(r))
	for {
		var byPkg map[string]map[string]json.RawMessage
		if err := dec.Decode(&byPkg); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("reading JSON: %w", err)
		}
		for pkg, byAnalyzer := range byPkg {
			for analyzer, raw := range byAnalyzer {
				var diags []diagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					// {"error": "..."}: the analyzer failed on this package.
					var e struct {
						Error string `json:"error"`
					}
					if json.Unmarshal(raw, &e) == nil && e.Error != "" {
						errs = append(errs, fmt.Sprintf("%s on %s: %s", analyzer, pkg, e.Error))
						continue
					}
					return fmt.Errorf("%s %s: %w", pkg, analyzer, err)
				}
				for _, d := range diags {
					file, line := splitPosn(d.Posn)
					findings = append(findings, finding{rel(file), line, analyzer, d.Message})
					if len(d.SuggestedFixes) > 0 {
						for _, e := range d.SuggestedFixes[0].Edits {
							files[rel(e.Filename)] = true
						}
					}
				}
			}
		}
	}
	bw := bufio.NewWriter(w)
	if fixfiles {
		for _, f := range slices.Sorted(func(yield func(string) bool) {
			for f := range files {
				if !yield(f) {
					return
				}
			}
		}) {
			fmt.Fprintln(bw, f)
		}
	} else {
		slices.SortFunc(findings, func(a, b finding) int {
			return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line),
				cmp.Compare(a.analyzer, b.analyzer), cmp.Compare(a.message, b.message))
		})
		findings = slices.Compact(findings)
		for _, f := range findings {
			fmt.Fprintf(bw, "%s\t%s\t%d\t%s\t%s\n", module, f.file, f.line, f.analyzer, oneLine(f.message))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		return fmt.Errorf("analyzer errors:\n%s", strings.Join(errs, "\n"))
	}
	return nil
}

// splitPosn splits "file:line:col" (or "file:line").
func splitPosn(posn string) (string, int) {
	rest := posn
	for range 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		rest = rest[:i]
		if j := strings.LastIndexByte(rest, ':'); j >= 0 {
			if _, err := strconv.Atoi(rest[j+1:]); err == nil {
				continue // that was the column
			}
		}
		return rest, n
	}
	return posn, 0
}

func oneLine(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ").Replace(s)
}

// skipComments drops the "# package" lines go vet -json prints between objects.
func skipComments(r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<30)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "#") {
				continue
			}
			if _, err := pw.Write(append(sc.Bytes(), '\n')); err != nil {
				return
			}
		}
		pw.CloseWithError(sc.Err())
	}()
	return pr
}
