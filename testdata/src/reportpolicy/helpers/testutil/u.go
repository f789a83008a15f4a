// Package testutil is test support by its path.
package testutil

func Fake() {} // not reported: a test-support package
