// Package support is test support: a non-test file imports testing.
package support

import "testing"

func Fake(t *testing.T) {} // not reported: a test-support package
