package tests

import (
	"net"
	"runtime"
	atom "sync/atomic"
	"testing"
	"time"
)

// The test spins until the goroutine sets the flag.
func TestSpinOnFlag(t *testing.T) {
	var done atom.Bool
	go func() {
		t.Log("working")
		done.Store(true)
	}()
	for !done.Load() {
		runtime.Gosched()
	}
}

type state struct{ finished int32 }

// The function forms of sync/atomic, on a field.
func TestSpinOnField(t *testing.T) {
	s := &state{}
	go func() {
		t.Log("working")
		atom.StoreInt32(&s.finished, 1)
	}()
	for {
		if atom.LoadInt32(&s.finished) == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
}

func eventually(t *testing.T, cond func() bool, wait, tick time.Duration) {
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(tick) {
		if cond() {
			return
		}
	}
	t.Fatal("condition never met")
}

// A poller is handed a callback that reads the flag.
func TestEventuallyFlag(t *testing.T) {
	var calls atom.Int64
	go func() {
		t.Log("calling")
		calls.Add(1)
	}()
	eventually(t, func() bool { return calls.Load() > 0 }, time.Second, time.Millisecond)
}

// Near miss: the test reads the flag once, it does not wait for it.
func TestFlagReadOnce(t *testing.T) {
	var done atom.Bool
	go func() { // want `TestFlagReadOnce can return while this goroutine, which uses t, is still running`
		t.Log("working")
		done.Store(true)
	}()
	if done.Load() {
		t.Log("done early")
	}
}

// Near miss: the loop polls a flag that no goroutine sets.
func TestSpinOnOtherFlag(t *testing.T) {
	var ready, done atom.Bool
	ready.Store(true)
	go func() { // want `TestSpinOnOtherFlag can return while this goroutine, which uses t, is still running`
		t.Log("working")
		done.Store(true)
	}()
	for !ready.Load() {
		runtime.Gosched()
	}
}

func servePing(t *testing.T, c net.Conn) {
	b := make([]byte, 4)
	if _, err := c.Read(b); err != nil {
		t.Error(err)
	}
	c.Write([]byte("pong"))
}

// The goroutine serves the other end of the pipe through a helper; the
// test waits for its reply.
func TestPeerThroughHelper(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	go servePing(t, server)
	client.Write([]byte("ping"))
	b := make([]byte, 4)
	client.Read(b)
}

type peer struct{ conn net.Conn }

func (p *peer) serve(t *testing.T) {
	if _, err := p.conn.Write([]byte("hi")); err != nil {
		t.Error(err)
	}
}

// The method started uses a connection held in a field.
func TestPeerMethod(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	p := &peer{conn: server}
	go p.serve(t)
	b := make([]byte, 2)
	client.Read(b)
}

func logLater(t *testing.T, n int) { t.Log(n) }

// Near miss: a helper without any connection is still reported.
func TestHelperNoConn(t *testing.T) {
	go logLater(t, 1) // want `TestHelperNoConn can return while this goroutine`
}
