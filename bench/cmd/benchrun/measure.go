package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// ctx is cancelled on an interrupt, which ends the running command too.
var ctx, _ = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)

// A Sample is one measured run of one command.
type Sample struct {
	Module, Tool string
	Run          int
	Wall, CPU    time.Duration // CPU: user+system of the command and the children it waited for
	RSSKB        int64         // peak resident set of the largest single process, KiB
	Exit         int
	Failed       string // why the run does not count ("" if it does)
}

// A command is what one tool runs in one module.
type command struct {
	args []string
	env  []string // added to the environment
	// okExit: exit codes that mean "ran" (0 clean, 1 findings for every tool here).
	okExit []int
}

// run runs c in dir, measuring wall time, CPU time and peak RSS. Output goes
// to logf (appended); a failure carries the tail of the output.
func run(dir string, c command, logf *os.File) Sample {
	cmd := exec.CommandContext(ctx, c.args[0], c.args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), c.env...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	s := Sample{Wall: time.Since(start)}
	if logf != nil {
		fmt.Fprintf(logf, "== %s (in %s)\n%s\n", strings.Join(c.args, " "), dir, out.Bytes())
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		s.Exit = ee.ExitCode()
	default:
		s.Exit = -1
		s.Failed = err.Error()
		return s
	}
	if st := cmd.ProcessState; st != nil {
		s.CPU = st.UserTime() + st.SystemTime()
		s.RSSKB = maxRSSKB(st)
	}
	ok := false
	for _, e := range c.okExit {
		ok = ok || s.Exit == e
	}
	switch {
	case !ok:
		s.Failed = fmt.Sprintf("exit status %d: %s", s.Exit, tail(out.String(), 15))
	case bytes.Contains(out.Bytes(), []byte("panic:")):
		s.Failed = "output has a panic: " + tail(out.String(), 30)
	}
	return s
}

func tail(s string, lines int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(l) > lines {
		l = append([]string{"..."}, l[len(l)-lines:]...)
	}
	return strings.Join(l, "\n")
}
