package use

import (
	. "matchcases/lib"
	renamed "matchcases/lib"
)

type embeds struct {
	*renamed.T // promoted methods
}

type local struct{}

func (local) Value() {}

func Value() {} // same name as a lib method, not a method

func calls() {
	renamed.F() // want `func lib.F`
	F()         // want `func lib.F`
	Value()
	var t renamed.T
	t.Value()    // want `method lib.T.Value`
	t.Pointer()  // want `method lib.T.Pointer`
	f := t.Value // want `method lib.T.Value`
	f()
	g := renamed.T.Value // want `method lib.T.Value`
	g(t)
	var e embeds
	e.Pointer() // want `method lib.T.Pointer`
	var a renamed.Alias
	a.Value() // want `method lib.T.Value`
	var gi renamed.G[int]
	gi.Get()                // want `method lib.G.Get`
	renamed.Gen(1)          // want `func lib.Gen`
	renamed.Gen[string]("") // want `func lib.Gen`
	local{}.Value()
	_ = V         // want `var lib.V`
	_ = renamed.V // want `var lib.V`
}
