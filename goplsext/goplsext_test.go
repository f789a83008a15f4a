package goplsext

import (
	"strings"
	"testing"

	"github.com/prodvet/prodvet/analyzers"
)

func TestAnalyzers(t *testing.T) {
	list, err := analyzersWith([]string{"printf", "nilness"}, "")
	if err != nil {
		t.Fatal(err)
	}
	suite := analyzers.Suite()
	if len(list) != len(suite) {
		t.Fatalf("got %d analyzers, want the suite's %d", len(list), len(suite))
	}
	for i, a := range list {
		if a.Name != suite[i].Name {
			t.Errorf("analyzer %d is %s, want %s", i, a.Name, suite[i].Name)
		}
		if a.OptIn != analyzers.OptIn(a.Analyzer) {
			t.Errorf("%s: OptIn %v, want analyzers.OptIn's", a.Name, a.OptIn)
		}
	}
}

func TestOptions(t *testing.T) {
	list, err := analyzersWith(nil, " -errwrap.causes=tested\t-poolmisuse.slices  -httptimeout.client-timeout 10s ")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range list {
		for _, f := range []string{"causes", "slices", "client-timeout"} {
			if fl := a.Flags.Lookup(f); fl != nil {
				got[a.Name+"."+f] = fl.Value.String()
			}
		}
	}
	for k, want := range map[string]string{
		"errwrap.causes":             "tested",
		"poolmisuse.slices":          "true",
		"httptimeout.client-timeout": "10s",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	// Options reach only the list they were parsed for.
	again, err := analyzersWith(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range again {
		if f := a.Flags.Lookup("slices"); f != nil && f.Value.String() != "false" {
			t.Errorf("%s.slices = %s in a fresh list", a.Name, f.Value)
		}
	}
}

func TestBadOptions(t *testing.T) {
	for flags, want := range map[string]string{
		"-errwrap.nosuch":         "flag provided but not defined: -errwrap.nosuch",
		"-errwrap.causes=maybe":   `invalid value "maybe" for flag -errwrap.causes`,
		"-poolmisuse.slices=yes!": `invalid boolean value "yes!"`,
		"ctxprop":                 `"ctxprop" is no option`,
		"-help":                   "-help is no option",
	} {
		_, err := analyzersWith(nil, flags)
		if err == nil {
			t.Errorf("%s: no error", flags)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, FlagsEnv+": ") || !strings.Contains(msg, want) || !strings.Contains(msg, "valid options: ") {
			t.Errorf("%s: error %q, want %s: ... %s ... valid options", flags, msg, FlagsEnv, want)
		}
	}
}

func TestNameClash(t *testing.T) {
	_, err := analyzersWith([]string{"printf", "errcmp", "selectspin"}, "")
	if err == nil || !strings.Contains(err.Error(), "gopls already has an analyzer named selectspin, errcmp") {
		t.Errorf("error %v, want the clashing names in suite order", err)
	}
}
