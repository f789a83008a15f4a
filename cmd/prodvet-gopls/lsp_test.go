package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// lsp is the client side of an LSP session with a gopls over stdio: just
// enough of the protocol to open files, read the diagnostics gopls
// publishes, ask for code actions and answer gopls's own requests.
type lsp struct {
	t        *testing.T
	cmd      *exec.Cmd
	in       io.WriteCloser
	msgs     chan *rpcMessage
	settings map[string]any
	nextID   int
	diags    map[string]publishDiagnostics // by URI, the latest
	applied  []workspaceEdit               // edits gopls asked to apply
}

type rpcMessage struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id,omitempty"`
	Method  string           `json:"method,omitempty"`
	Params  json.RawMessage  `json:"params,omitempty"`
	Result  json.RawMessage  `json:"result,omitempty"`
	Error   *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

type position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start position `json:"start"`
	End   position `json:"end"`
}

type diagnostic struct {
	Range           lspRange `json:"range"`
	Severity        int      `json:"severity"`
	Code            any      `json:"code,omitempty"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription,omitempty"`
	Source  string          `json:"source"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

type publishDiagnostics struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type textEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

type workspaceEdit struct {
	Changes         map[string][]textEdit `json:"changes,omitempty"`
	DocumentChanges []struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
		Edits []textEdit `json:"edits"`
	} `json:"documentChanges,omitempty"`
}

// editsFor returns the edits of e to the file uri.
func (e workspaceEdit) editsFor(uri string) []textEdit {
	edits := append([]textEdit{}, e.Changes[uri]...)
	for _, dc := range e.DocumentChanges {
		if dc.TextDocument.URI == uri {
			edits = append(edits, dc.Edits...)
		}
	}
	return edits
}

type codeAction struct {
	Title       string          `json:"title"`
	Kind        string          `json:"kind"`
	Diagnostics []diagnostic    `json:"diagnostics,omitempty"`
	Edit        *workspaceEdit  `json:"edit,omitempty"`
	Command     json.RawMessage `json:"command,omitempty"`
	Data        json.RawMessage `json:"data,omitempty"`
}

// startLSP starts gopls serve in dir with the given environment additions
// and settings, and initialises the session.
func startLSP(t *testing.T, gopls, dir string, env []string, settings map[string]any) *lsp {
	t.Helper()
	cmd := exec.Command(gopls, "serve")
	cmd.Dir = dir
	cmd.Env = append(goEnv(t), env...)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &lsp{t: t, cmd: cmd, in: in, msgs: make(chan *rpcMessage, 100), settings: settings, diags: map[string]publishDiagnostics{}}
	go c.read(bufio.NewReader(out))
	t.Cleanup(func() {
		in.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("gopls stderr:\n%s", stderr.String())
		}
	})
	root := fileURI(dir)
	c.call("initialize", map[string]any{
		"processId": nil,
		"rootUri":   root,
		"workspaceFolders": []map[string]string{
			{"uri": root, "name": "demo"},
		},
		"initializationOptions": settings,
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"configuration": true,
				"applyEdit":     true,
				"workspaceEdit": map[string]any{"documentChanges": true},
			},
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"relatedInformation": true, "versionSupport": true},
				"codeAction": map[string]any{
					"codeActionLiteralSupport": map[string]any{
						"codeActionKind": map[string]any{"valueSet": []string{"quickfix", "refactor", "source"}},
					},
					"resolveSupport": map[string]any{"properties": []string{"edit"}},
					"dataSupport":    true,
				},
			},
		},
	}, nil)
	c.notify("initialized", map[string]any{})
	return c
}

// read decodes the messages gopls writes (Content-Length framed JSON-RPC)
// and hands them to the test goroutine.
func (c *lsp) read(r *bufio.Reader) {
	defer close(c.msgs)
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		if length < 0 {
			return
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		m := new(rpcMessage)
		if err := json.Unmarshal(body, m); err != nil {
			continue
		}
		c.msgs <- m
	}
}

func (c *lsp) write(m any) {
	c.t.Helper()
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("writing to gopls: %v", err)
	}
}

func (c *lsp) notify(method string, params any) {
	c.t.Helper()
	c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// call sends a request and handles gopls's messages until its response,
// which it decodes into result.
func (c *lsp) call(method string, params, result any) {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	deadline := time.After(3 * time.Minute)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("%s: gopls closed the connection", method)
			}
			if m.Method == "" && m.ID != nil && string(*m.ID) == strconv.Itoa(id) {
				if m.Error != nil {
					c.t.Fatalf("%s: error %d: %s", method, m.Error.Code, m.Error.Message)
				}
				if result != nil {
					if err := json.Unmarshal(m.Result, result); err != nil {
						c.t.Fatalf("%s: decoding %s: %v", method, m.Result, err)
					}
				}
				return
			}
			c.handle(m)
		case <-deadline:
			c.t.Fatalf("%s: no response within 3 minutes", method)
		}
	}
}

// handle answers a request from gopls and records notifications.
func (c *lsp) handle(m *rpcMessage) {
	c.t.Helper()
	switch {
	case m.Method == "textDocument/publishDiagnostics":
		var p publishDiagnostics
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		c.diags[p.URI] = p
	case m.ID == nil || m.Method == "":
		// another notification, or a response nobody waits for
	case m.Method == "workspace/configuration":
		var p struct {
			Items []any `json:"items"`
		}
		json.Unmarshal(m.Params, &p)
		res := make([]any, len(p.Items))
		for i := range res {
			res[i] = c.settings
		}
		c.write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": res})
	case m.Method == "workspace/applyEdit":
		var p struct {
			Edit workspaceEdit `json:"edit"`
		}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		c.applied = append(c.applied, p.Edit)
		c.write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": map[string]any{"applied": true}})
	default:
		c.write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": nil})
	}
}

// waitDiagnostics handles messages until the latest diagnostics published
// for uri satisfy ok, and returns them.
func (c *lsp) waitDiagnostics(uri string, what string, ok func(publishDiagnostics) bool) publishDiagnostics {
	c.t.Helper()
	deadline := time.After(3 * time.Minute)
	for {
		if p, seen := c.diags[uri]; seen && ok(p) {
			return p
		}
		select {
		case m, open := <-c.msgs:
			if !open {
				c.t.Fatalf("waiting for %s: gopls closed the connection", what)
			}
			c.handle(m)
		case <-deadline:
			c.t.Fatalf("no diagnostics with %s for %s within 3 minutes; last: %+v", what, uri, c.diags[uri])
		}
	}
}

// open reads the file at path and opens it in the session.
func (c *lsp) open(path string) (uri, text string) {
	c.t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	uri, text = fileURI(path), string(src)
	c.notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": text},
	})
	return uri, text
}

func (c *lsp) change(uri string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

func (c *lsp) shutdown() {
	c.t.Helper()
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
}

func bySource(p publishDiagnostics, source string) []diagnostic {
	var out []diagnostic
	for _, d := range p.Diagnostics {
		if d.Source == source {
			out = append(out, d)
		}
	}
	return out
}

// applyEdits applies LSP text edits (UTF-16 positions) to text.
func applyEdits(t *testing.T, text string, edits []textEdit) string {
	t.Helper()
	type span struct {
		start, end int
		text       string
	}
	spans := make([]span, len(edits))
	for i, e := range edits {
		spans[i] = span{offset(t, text, e.Range.Start), offset(t, text, e.Range.End), e.NewText}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
	for _, s := range spans {
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

// offset converts an LSP position (line, UTF-16 column) to a byte offset.
func offset(t *testing.T, text string, p position) int {
	t.Helper()
	off := 0
	for line := 0; line < p.Line; line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			t.Fatalf("position %+v is past the end", p)
		}
		off += i + 1
	}
	for units := 0; units < p.Character; {
		r, size := utf8.DecodeRuneInString(text[off:])
		if size == 0 || r == '\n' {
			t.Fatalf("position %+v is past its line", p)
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		off += size
	}
	return off
}
