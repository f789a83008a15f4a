package main

import (
	"strings"
	"testing"
)

func TestSplitPosn(t *testing.T) {
	for _, tc := range []struct {
		in   string
		file string
		line int
	}{
		{"/a/b.go:12:5", "/a/b.go", 12},
		{"/a/b.go:12", "/a/b.go", 12},
		{`C:\a\b.go:7:1`, `C:\a\b.go`, 7},
		{"nowhere", "nowhere", 0},
	} {
		file, line := splitPosn(tc.in)
		if file != tc.file || line != tc.line {
			t.Errorf("splitPosn(%q) = %q, %d; want %q, %d", tc.in, file, line, tc.file, tc.line)
		}
	}
}

const sample = `# example.com/m
{
	"example.com/m": {
		"errwrap": [
			{"posn": "/m/b.go:9:2", "message": "second\tone", "suggested_fixes": [{"edits": [{"filename": "/m/b.go"}, {"filename": "/m/c.go"}]}]},
			{"posn": "/m/a.go:3:1", "message": "first"}
		],
		"selectspin": {"error": "boom"}
	}
}
`

func TestConvert(t *testing.T) {
	var out strings.Builder
	err := convert(strings.NewReader(sample), &out, "m", "/m", false)
	if err == nil || !strings.Contains(err.Error(), "selectspin on example.com/m: boom") {
		t.Errorf("convert: err = %v, want the analyzer error", err)
	}
	want := "m\ta.go\t3\terrwrap\tfirst\nm\tb.go\t9\terrwrap\tsecond one\n"
	if out.String() != want {
		t.Errorf("findings:\n%s\nwant:\n%s", out.String(), want)
	}
	out.Reset()
	convert(strings.NewReader(sample), &out, "", "/m", true)
	if out.String() != "b.go\nc.go\n" {
		t.Errorf("fix files: %q", out.String())
	}
}
