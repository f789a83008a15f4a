package main

import (
	"slices"
	"testing"

	"github.com/prodvet/prodvet/analyzers"
)

func TestVetArgs(t *testing.T) {
	suite := analyzers.Suite()
	off := []string{"-httptimeout=false", "-ctxprop=false", "-atomicmix=false"}
	for _, tc := range []struct {
		args, want []string
	}{
		// go vet's own queries and a plain run: the opt-in analyzers stay off.
		{[]string{"-V=full"}, append(slices.Clone(off), "-V=full")},
		{[]string{"-errwrap.strict", "x.cfg"}, append(slices.Clone(off), "-errwrap.strict", "x.cfg")},
		{[]string{"-errcmp=false", "x.cfg"}, append(slices.Clone(off), "-errcmp=false", "x.cfg")},
		// Naming an analyzer runs only the named ones, as unitchecker does.
		{[]string{"-ctxprop", "x.cfg"}, []string{"-ctxprop", "x.cfg"}},
		{[]string{"-errcmp=true", "x.cfg"}, []string{"-errcmp=true", "x.cfg"}},
		{[]string{"--httptimeout", "x.cfg"}, []string{"--httptimeout", "x.cfg"}},
	} {
		if got := vetArgs(suite, tc.args); !slices.Equal(got, tc.want) {
			t.Errorf("vetArgs(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
