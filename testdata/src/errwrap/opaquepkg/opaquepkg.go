// Package opaquepkg is listed whole in -errwrap.opaque-ok.
package opaquepkg

import "fmt"

func Any(err error) error {
	return fmt.Errorf("any: %v", err)
}

type hides struct {
	err error
}

func (h *hides) Error() string { return h.err.Error() }
