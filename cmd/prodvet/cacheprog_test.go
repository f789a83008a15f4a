package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prodvet/prodvet/internal/testutil"
)

// cacheProgArg, as the first argument, makes the test binary a GOCACHEPROG
// program storing entries in the directory given as the second argument, the
// way a team would put a shared store behind the go command's cache.
const cacheProgArg = "-prodvet-test-cacheprog"

// invocationsEnv names a file to which the test binary, running as prodvet,
// appends one line per analysis the go command asks of it.
const invocationsEnv = "PRODVET_TEST_INVOCATIONS"

// init runs before TestMain, so the binary serves as the cache program (or
// logs its vet invocation) before the test framework parses flags.
func init() {
	if len(os.Args) == 3 && os.Args[1] == cacheProgArg {
		if err := serveCache(os.Args[2], os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "cacheprog:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if log := os.Getenv(invocationsEnv); log != "" && os.Getenv("PRODVET_RUN_MAIN") == "1" {
		// unitchecker's protocol: one analysis is one call with a vet.cfg.
		if len(os.Args) > 1 && strings.HasSuffix(os.Args[len(os.Args)-1], ".cfg") {
			f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err == nil {
				fmt.Fprintln(f, strings.Join(os.Args[1:], " "))
				f.Close()
			}
		}
	}
}

// The GOCACHEPROG protocol (cmd/go/internal/cacheprog).
type cacheRequest struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

type cacheResponse struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

// An entry is what the store keeps for an action ID.
type cacheEntry struct {
	OutputID []byte
	Size     int64
	Time     time.Time
}

// serveCache answers the go command's requests from a store in dir: action
// entries as a-<hex> JSON files, bodies as o-<hex> files, written with a
// rename so that concurrent go commands never see half an entry.
func serveCache(dir string, in io.Reader, out io.Writer) error {
	enc := json.NewEncoder(out)
	dec := json.NewDecoder(bufio.NewReader(in))
	if err := enc.Encode(cacheResponse{KnownCommands: []string{"get", "put", "close"}}); err != nil {
		return err
	}
	for {
		var req cacheRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		resp := cacheResponse{ID: req.ID}
		switch req.Command {
		case "get":
			b, err := os.ReadFile(filepath.Join(dir, "a-"+hex.EncodeToString(req.ActionID)))
			var e cacheEntry
			if err != nil || json.Unmarshal(b, &e) != nil {
				resp.Miss = true
				break
			}
			body := filepath.Join(dir, "o-"+hex.EncodeToString(e.OutputID))
			if _, err := os.Stat(body); err != nil {
				resp.Miss = true
				break
			}
			resp.OutputID, resp.Size, resp.Time, resp.DiskPath = e.OutputID, e.Size, &e.Time, body
		case "put":
			var body []byte
			if req.BodySize > 0 {
				if err := dec.Decode(&body); err != nil { // a base64 JSON string
					return err
				}
			}
			path := filepath.Join(dir, "o-"+hex.EncodeToString(req.OutputID))
			entry, _ := json.Marshal(cacheEntry{OutputID: req.OutputID, Size: int64(len(body)), Time: time.Now()})
			if err := writeAtomic(path, body); err != nil {
				resp.Err = err.Error()
			} else if err := writeAtomic(filepath.Join(dir, "a-"+hex.EncodeToString(req.ActionID)), entry); err != nil {
				resp.Err = err.Error()
			}
			resp.DiskPath = path
		case "close":
			return enc.Encode(resp)
		default:
			resp.Err = "unknown command " + req.Command
		}
		if err := enc.Encode(resp); err != nil {
			return err
		}
	}
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(f.Name())
		return werr
	}
	return os.Rename(f.Name(), path)
}

// TestSharedVetCache proves that go vet -vettool=prodvet results travel
// through a shared GOCACHEPROG store: a second run with its own, empty
// GOCACHE (another CI runner, say) prints the same findings and analyzes
// nothing.
func TestSharedVetCache(t *testing.T) {
	if testing.Short() {
		t.Skip("vets the demo twice with an empty build cache")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(exe, " \t") {
		t.Skip("GOCACHEPROG splits its value on spaces; the test binary's path has one")
	}
	demo := filepath.Join(testutil.TestData(t), "demo")
	store, logs := t.TempDir(), t.TempDir()

	vet := func(run string) (findings []string, analyses int, took time.Duration) {
		t.Helper()
		log := filepath.Join(logs, run)
		cmd := exec.Command("go", "vet", "-vettool="+exe, "./...")
		cmd.Dir = demo
		cmd.Env = append(os.Environ(),
			"PRODVET_RUN_MAIN=1",
			"GOCACHE="+t.TempDir(),
			"GOCACHEPROG="+exe+" "+cacheProgArg+" "+store,
			invocationsEnv+"="+log)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took = time.Since(start)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("%s run: go vet: %v, want exit status 1 (findings):\n%s", run, err, out)
		}
		for l := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
			if !strings.HasPrefix(l, "#") { // package headers come in scheduling order
				findings = append(findings, l)
			}
		}
		slices.Sort(findings)
		b, err := os.ReadFile(log)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		return findings, strings.Count(string(b), "\n"), took
	}

	first, firstAnalyses, firstTook := vet("first")
	second, secondAnalyses, secondTook := vet("second")
	t.Logf("first run: %d analyses, %v; second run: %d analyses, %v", firstAnalyses, firstTook.Round(time.Millisecond), secondAnalyses, secondTook.Round(time.Millisecond))
	if len(first) == 0 || !slices.ContainsFunc(first, func(l string) bool { return strings.Contains(l, "wg.Add is called inside the goroutine") }) {
		t.Fatalf("first run printed no demo finding:\n%s", strings.Join(first, "\n"))
	}
	if slices.ContainsFunc(first, func(l string) bool { return strings.Contains(l, "http.Get uses http.DefaultClient") }) {
		t.Errorf("go vet ran httptimeout, which is opt-in:\n%s", strings.Join(first, "\n"))
	}
	if firstAnalyses == 0 {
		t.Errorf("first run: prodvet analyzed no package; the invocation log is broken")
	}
	if secondAnalyses != 0 {
		t.Errorf("second run: prodvet analyzed %d packages, want 0: results did not come from the shared cache", secondAnalyses)
	}
	if !slices.Equal(first, second) {
		t.Errorf("findings differ between runs:\nfirst:\n%s\nsecond:\n%s", strings.Join(first, "\n"), strings.Join(second, "\n"))
	}
}
