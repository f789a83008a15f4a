package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/sarif"

	"github.com/prodvet/prodvet/internal/analyzerdoc"
)

// The JSON shapes of go vet -json: package ID -> analyzer -> diagnostics.
type (
	jsonTextEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonSuggestedFix struct {
		Message string         `json:"message"`
		Edits   []jsonTextEdit `json:"edits"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonDiagnostic struct {
		Category       string             `json:"category,omitempty"`
		Posn           string             `json:"posn"`
		End            string             `json:"end"`
		Message        string             `json:"message"`
		SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated      `json:"related,omitempty"`
	}
)

func printJSON(w io.Writer, findings []finding) error {
	tree := map[string]map[string][]jsonDiagnostic{}
	for _, f := range findings {
		jd := jsonDiagnostic{
			Category: f.Category,
			Posn:     f.Start.String(),
			End:      f.End.String(),
			Message:  f.Message,
		}
		for _, fix := range f.Fixes {
			jf := jsonSuggestedFix{Message: fix.Message}
			for _, e := range fix.Edits {
				jf.Edits = append(jf.Edits, jsonTextEdit{Filename: e.RawStart.Filename, Start: e.RawStart.Offset, End: e.RawEnd.Offset, New: e.New})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, r := range f.Related {
			jd.Related = append(jd.Related, jsonRelated{Posn: r.Start.String(), End: r.End.String(), Message: r.Message})
		}
		byAnalyzer := tree[f.PkgID]
		if byAnalyzer == nil {
			byAnalyzer = map[string][]jsonDiagnostic{}
			tree[f.PkgID] = byAnalyzer
		}
		byAnalyzer[f.Analyzer.Name] = append(byAnalyzer[f.Analyzer.Name], jd)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// SARIF: honnef.co/go/tools/sarif has the types; it lacks a rule's full
// description and a result's partialFingerprints, added here.
type (
	sarifRule struct {
		sarif.ReportingDescriptor
		FullDescription sarif.Message `json:"fullDescription"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifResult struct {
		sarif.Result
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	sarifRun struct {
		Tool struct {
			Driver sarifDriver `json:"driver"`
		} `json:"tool"`
		ColumnKind  string            `json:"columnKind"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
	}
	// An invocation with the notifications that code scanning shows as
	// the tool's own errors: here, the packages that did not build.
	sarifInvocation struct {
		sarif.Invocation
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string           `json:"level"`
		Message   sarif.Message    `json:"message"`
		Locations []sarif.Location `json:"locations,omitempty"`
	}
	sarifLog struct {
		Version string     `json:"version"`
		Schema  string     `json:"$schema"`
		Runs    []sarifRun `json:"runs"`
	}
)

// fingerprintKey names prodvet's partial fingerprint; bump the version when
// its inputs change, so code scanning does not match unrelated alerts.
const fingerprintKey = "prodvetFinding/v1"

// loadErrorPos splits "file:line:col: message", as driver.LoadErrors
// writes it, into its position and message.
var loadErrorPos = regexp.MustCompile(`^(.+?):(\d+):(\d+): (.*)$`)

func printSARIF(w io.Writer, analyzers []*analysis.Analyzer, findings []finding, loadErrors []string) error {
	var run sarifRun
	run.Tool.Driver = sarifDriver{Name: "prodvet", InformationURI: "https://github.com/prodvet/prodvet", Rules: []sarifRule{}}
	run.ColumnKind = "utf16CodeUnits"
	wd, _ := os.Getwd()
	inv := sarifInvocation{Invocation: sarif.Invocation{
		Arguments:           os.Args[1:],
		WorkingDirectory:    sarif.ArtifactLocation{URI: "file://" + filepath.ToSlash(wd) + "/"},
		ExecutionSuccessful: len(loadErrors) == 0,
	}}
	for _, msg := range loadErrors {
		n := sarifNotification{Level: "error", Message: sarif.Message{Text: msg}}
		if m := loadErrorPos.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			n.Message.Text = m[4]
			n.Locations = []sarif.Location{{PhysicalLocation: sarif.PhysicalLocation{
				ArtifactLocation: artifact(m[1]),
				Region:           sarif.Region{StartLine: line, StartColumn: col},
			}}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.Invocations = []sarifInvocation{inv}
	for _, a := range analyzers {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ReportingDescriptor: sarif.ReportingDescriptor{
				ID:                   a.Name,
				ShortDescription:     sarif.Message{Text: analyzerdoc.Summary(a.Doc)},
				Help:                 sarif.Message{Text: a.Doc},
				HelpURI:              a.URL,
				DefaultConfiguration: sarif.ReportingConfiguration{Enabled: true, Level: sarif.Warning},
			},
			FullDescription: sarif.Message{Text: a.Doc},
		})
	}
	files := newSourceCache()
	occurrences := map[string]int{}
	run.Results = []sarifResult{}
	for _, f := range findings {
		r := sarif.Result{
			RuleID:       f.Analyzer.Name,
			Kind:         sarif.Fail,
			Level:        sarif.Warning,
			Message:      sarif.Message{Text: f.Message},
			Suppressions: []sarif.Suppression{},
		}
		r.Locations = []sarif.Location{{PhysicalLocation: sarif.PhysicalLocation{
			ArtifactLocation: artifact(f.Start.Filename),
			Region:           files.region(f.Start, f.End),
		}}}
		for _, rel := range f.Related {
			r.RelatedLocations = append(r.RelatedLocations, sarif.Location{
				Message:          &sarif.Message{Text: rel.Message},
				PhysicalLocation: sarif.PhysicalLocation{ArtifactLocation: artifact(rel.Start.Filename), Region: files.region(rel.Start, rel.End)},
			})
		}
		for _, fix := range f.Fixes {
			sf := sarif.Fix{Description: sarif.Message{Text: fix.Message}}
			byFile := map[string][]sarif.Replacement{}
			var order []string
			for _, e := range fix.Edits {
				start, end := e.Start, e.End
				if _, ok := byFile[start.Filename]; !ok {
					order = append(order, start.Filename)
				}
				byFile[start.Filename] = append(byFile[start.Filename], sarif.Replacement{
					DeletedRegion:   files.region(start, end),
					InsertedContent: sarif.ArtifactContent{Text: e.New},
				})
			}
			for _, name := range order {
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarif.ArtifactChange{ArtifactLocation: artifact(name), Replacements: byFile[name]})
			}
			r.Fixes = append(r.Fixes, sf)
		}
		// The fingerprint survives edits elsewhere in the file: it hashes
		// the rule, the file, the message and the text of the line (not its
		// number), with a counter for identical lines.
		line := strings.TrimSpace(files.line(f.Start.Filename, f.Start.Line))
		base := strings.Join([]string{f.Analyzer.Name, relPath(f.Start.Filename), f.Message, line}, "\x00")
		occurrences[base]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", base, occurrences[base]))
		run.Results = append(run.Results, sarifResult{Result: r, PartialFingerprints: map[string]string{fingerprintKey: hex.EncodeToString(sum[:16])}})
	}
	data, err := json.MarshalIndent(sarifLog{Version: sarif.Version, Schema: sarif.Schema, Runs: []sarifRun{run}}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// artifact locates a file relative to the source root when it lies below
// the working directory, as GitHub code scanning expects.
func artifact(name string) sarif.ArtifactLocation {
	rel := relPath(name)
	if filepath.IsAbs(rel) {
		return sarif.ArtifactLocation{URI: "file://" + filepath.ToSlash(rel)}
	}
	return sarif.ArtifactLocation{URI: filepath.ToSlash(rel), URIBaseID: "%SRCROOT%"}
}

// sourceCache reads files once, to turn byte columns into SARIF columns.
type sourceCache map[string][]string

func newSourceCache() sourceCache { return sourceCache{} }

func (c sourceCache) line(name string, n int) string {
	lines, ok := c[name]
	if !ok {
		b, _ := os.ReadFile(name)
		lines = strings.Split(string(b), "\n")
		c[name] = lines
	}
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// region converts go/token positions, whose columns count bytes, into a
// SARIF region, whose columns count UTF-16 code units (run.columnKind).
func (c sourceCache) region(start, end token.Position) sarif.Region {
	return sarif.Region{
		StartLine:   start.Line,
		StartColumn: c.utf16Column(start),
		EndLine:     end.Line,
		EndColumn:   c.utf16Column(end),
	}
}

func (c sourceCache) utf16Column(p token.Position) int {
	line := c.line(p.Filename, p.Line)
	if p.Column < 1 || p.Column-1 > len(line) {
		return p.Column
	}
	prefix := line[:p.Column-1]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRuneInString(prefix)
		prefix = prefix[size:]
		n += len(utf16.Encode([]rune{r}))
	}
	return n + 1
}
