// Package opaque is an API boundary in part: some functions hide the
// internal errors on purpose (-errwrap.opaque-ok).
package opaque

import (
	"errors"
	"fmt"
)

type Service struct{}

// Get is listed as pkg.Type.Method.
func (s *Service) Get(err error) error {
	return fmt.Errorf("get: %v", err)
}

// Public is listed as pkg.Func; function literals inside count too.
func Public(err error) error {
	f := func() error { return errors.New("public: " + err.Error()) }
	_ = f
	return fmt.Errorf("public: %v", err)
}

// Other is not listed.
func Other(err error) error {
	return fmt.Errorf("other: %v", err) // want `formats the error err with %v`
}

type hides struct { // want `error type hides holds its cause in field err`
	err error
}

func (h *hides) Error() string { return h.err.Error() }
