package top

import (
	"testing"

	"example.com/runner/leaf"
)

func TestRun(t *testing.T) {
	leaf.MarkReady()
	if Run() != 3 {
		t.Fatal("Run")
	}
}
