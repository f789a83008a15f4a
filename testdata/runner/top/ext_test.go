package top_test

import (
	"testing"

	"example.com/runner/mid"
	"example.com/runner/top"
)

func TestExt(t *testing.T) {
	mid.Wrap()
	_ = top.Run()
}
