package main

import "testing"

// Near miss: reported only under -unwaitedgo.tests.
func TestWriteUnwaited(t *testing.T) {
	go func() {
		if err := write("t"); err != nil {
			t.Error(err)
		}
	}()
}
