package gclplugin_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/gclplugin"
)

func names(t *testing.T, p register.LinterPlugin) []string {
	t.Helper()
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("prodvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, a := range analyzers.Suite() {
		if !analyzers.OptIn(a) {
			want++
		}
	}
	if got := len(names(t, p)); got != want {
		t.Errorf("default configuration runs %d analyzers, want the default set (%d)", got, want)
	}
	if slices.Contains(names(t, p), "ctxprop") {
		t.Errorf("default configuration runs the opt-in ctxprop")
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
}

func TestSettings(t *testing.T) {
	// golangci-lint lower-cases keys and hands settings over as decoded YAML.
	p, err := gclplugin.New(map[string]any{
		"enable":      []any{"httptimeout", "errwrap"},
		"disable":     []any{"errwrap"},
		"httptimeout": map[string]any{"client-timeout": "10s"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := names(t, p)
	if strings.Join(got, ",") != "httptimeout" {
		t.Errorf("analyzers = %v, want [httptimeout]", got)
	}
	if v := clientTimeout(t, p); v != "10s" {
		t.Errorf("client-timeout = %s, want 10s", v)
	}
	// A second configuration does not see the first one's options.
	q, err := gclplugin.New(map[string]any{"enable": []any{"all"}})
	if err != nil {
		t.Fatal(err)
	}
	if v := clientTimeout(t, q); v != "30s" {
		t.Errorf("a fresh configuration has client-timeout %s, want 30s", v)
	}

	// "default" stands for the default set, to which opt-in analyzers add.
	d, err := gclplugin.New(map[string]any{"enable": []any{"default", "ctxprop"}})
	if err != nil {
		t.Fatal(err)
	}
	defaults, _ := analyzers.Select(analyzers.Suite(), nil, nil)
	if got := names(t, d); len(got) != len(defaults)+1 || got[0] != "ctxprop" {
		t.Errorf("enable [default, ctxprop]: analyzers = %v", got)
	}

	// Names follow analyzers.Select, as the CLI's do: any case, disable wins.
	r, err := gclplugin.New(map[string]any{
		"enable":  []any{"HTTPTimeout", "ErrWrap", "errcmp"},
		"disable": []any{"ERRCMP"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, r); strings.Join(got, ",") != "httptimeout,errwrap" {
		t.Errorf("analyzers = %v, want [httptimeout errwrap]", got)
	}
}

// clientTimeout returns the client-timeout option of the configuration's
// httptimeout analyzer, found by name.
func clientTimeout(t *testing.T, p register.LinterPlugin) string {
	t.Helper()
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	a := analyzers.Lookup(as, "httptimeout")
	if a == nil {
		t.Fatalf("no httptimeout among %v", names(t, p))
	}
	return a.Flags.Lookup("client-timeout").Value.String()
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		settings map[string]any
		want     string
	}{
		{map[string]any{"enable": []any{"nosuch"}}, `unknown analyzer "nosuch" in settings.enable; valid analyzers: httptimeout`},
		{map[string]any{"nosuch": map[string]any{}}, `unknown setting "nosuch"`},
		{map[string]any{"httptimeout": map[string]any{"nosuch": 1}}, `unknown option "nosuch" for analyzer httptimeout; valid options: client-timeout, server-header-timeout`},
		{map[string]any{"httptimeout": map[string]any{"client-timeout": "soon"}}, `option httptimeout.client-timeout`},
		{map[string]any{"enable": "httptimeout"}, `settings.enable must be a list`},
		{map[string]any{"enable": []any{"httptimeout"}, "disable": []any{"httptimeout"}}, `leave no analyzer`},
	} {
		_, err := gclplugin.New(tc.settings)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) error = %v, want it to contain %q", tc.settings, err, tc.want)
		}
	}
}
