package probe // want `imports a wrapper`

import (
	"errorfwrap/downstream"
	"errorfwrap/upstream"
)

func calls(c *upstream.Client) {
	_ = upstream.Wrapf("x")                   // want `Wrapf is a wrapper`
	_ = c.Errorf("x")                         // want `Errorf is a wrapper`
	_ = upstream.Generic[string]{}.Failf("x") // want `Failf is a wrapper`
	_ = downstream.Failf("x")                 // want `Failf is a wrapper`
	_ = downstream.Logs("x")
	_ = upstream.Prefixed("x")
	_ = upstream.Sprintf("x")
	upstream.Logf("x")
	_ = local("x") // want `local is a wrapper`
}

func local(format string, args ...any) error { // forwards to a wrapper of another package
	return downstream.Failf(format, args...) // want `Failf is a wrapper`
}
