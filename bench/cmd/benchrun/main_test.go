package main

import (
	"os"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	if m := median([]time.Duration{5, 1, 3}); m != 3 {
		t.Errorf("median of 5 1 3 = %v", m)
	}
	if m := median([]int64{4, 1, 3, 2}); m != 2 {
		t.Errorf("median of 4 1 3 2 = %v (want the mean of the middle two, rounded down)", m)
	}
	if m := median([]int64(nil)); m != 0 {
		t.Errorf("median of nothing = %v", m)
	}
}

// TestRun measures this test binary running no test: it exits 0 and uses
// some memory and CPU.
func TestRun(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s := run(".", command{args: []string{exe, "-test.run=^$"}, okExit: []int{0}}, nil)
	if s.Failed != "" || s.Exit != 0 {
		t.Fatalf("run: exit %d, failed %q", s.Exit, s.Failed)
	}
	if s.Wall <= 0 || s.RSSKB <= 0 {
		t.Errorf("run: wall %v, rss %d KiB: not measured", s.Wall, s.RSSKB)
	}
	s = run(".", command{args: []string{exe, "-test.run=^$", "-no-such-flag"}, okExit: []int{0}}, nil)
	if s.Failed == "" {
		t.Errorf("run with a bad flag: not reported as failed (exit %d)", s.Exit)
	}
}
