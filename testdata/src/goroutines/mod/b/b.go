// Package b dot-imports errgroup.
package b

import . "golang.org/x/sync/errgroup"

func dot() {
	var g Group
	g.Go(func() error { return nil }) // want `errgroup.Group.Go runs a literal`
}
