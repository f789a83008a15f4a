// Command testdiff compares two runs of `go test -json` over the same
// packages and prints the tests that passed in the first and do not pass in
// the second: failed, or never reported because the package no longer
// builds, panicked or timed out. bench/fixcheck.sh runs a module's tests
// before and after prodvet -fix with it, so that a fix that compiles but
// changes what the program does is caught.
//
//	testdiff BEFORE.json AFTER.json
//
// Exit status: 0 when every test that passed before passes after, 1 when
// some do not (they are printed, one a line: package, test, what happened),
// 2 on a read error.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// event is the part of test2json's output that testdiff reads.
type event struct {
	Action  string
	Package string
	Test    string
}

// key names a test, or a whole package when Test is empty.
type key struct{ pkg, test string }

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: testdiff BEFORE.json AFTER.json")
		os.Exit(2)
	}
	before, err := readFile(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "testdiff: %v\n", err)
		os.Exit(2)
	}
	after, err := readFile(os.Args[2])
	if err != nil {
		fmt.Fprintf(os.Stderr, "testdiff: %v\n", err)
		os.Exit(2)
	}
	broken := regressions(before, after)
	for _, b := range broken {
		fmt.Println(b)
	}
	if len(broken) > 0 {
		os.Exit(1)
	}
}

func readFile(name string) (map[key]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f)
}

// read returns the last result of every test and package: pass, fail or
// skip. Lines that are not JSON (build errors printed by go test) are
// skipped: a package that does not build reports no pass.
func read(r io.Reader) (map[key]string, error) {
	results := map[key]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var e event
		if json.Unmarshal(line, &e) != nil {
			continue
		}
		switch e.Action {
		case "pass", "fail", "skip":
			results[key{e.Package, e.Test}] = e.Action
		}
	}
	return results, sc.Err()
}

// regressions lists the tests (and packages) that passed before and did not
// pass after, sorted.
func regressions(before, after map[key]string) []string {
	var out []string
	for k, res := range before {
		if res != "pass" {
			continue
		}
		got, ok := after[k]
		if got == "pass" {
			continue
		}
		name := k.pkg
		if k.test != "" {
			name += " " + k.test
		}
		what := got
		if !ok {
			what = "no result (build failure, panic or timeout)"
		}
		out = append(out, name+": "+what)
	}
	slices.SortFunc(out, strings.Compare)
	return out
}
