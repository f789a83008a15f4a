package tests

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestPublishUnwaited(t *testing.T) {
	go func() { // want `TestPublishUnwaited can return while this goroutine, which uses t, is still running: a t.Log or t.Error after the test has completed panics`
		if err := Publish("x"); err != nil {
			t.Error(err)
		}
	}()
}

func TestPublishWaited(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := Publish("x"); err != nil {
			t.Error(err)
		}
	}()
	<-done
}

func check(tb testing.TB) {
	tb.Helper()
	if err := Publish(""); err == nil {
		tb.Error("want error")
	}
}

func TestHelperWithT(tt *testing.T) {
	go check(tt)       // want `TestHelperWithT can return while this goroutine, which uses tt, is still running`
	go tt.Log("hello") // want `TestHelperWithT can return`
}

func TestNoT(t *testing.T) {
	go func() {
		_ = Publish("x") // lost, but the test does not misbehave
	}()
	if err := Publish("y"); err != nil {
		t.Fatal(err)
	}
}

func TestSleep(t *testing.T) {
	go func() { // want `TestSleep can return while .*; time.Sleep does not wait for a goroutine`
		t.Log("working")
	}()
	time.Sleep(10 * time.Millisecond)
}

func TestCleanupWaits(t *testing.T) {
	var wg sync.WaitGroup
	t.Cleanup(wg.Wait)
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Log("working")
	}()
}

func TestCleanupLiteral(t *testing.T) {
	done := make(chan struct{})
	t.Cleanup(func() { <-done })
	go func() {
		defer close(done)
		t.Log("working")
	}()
}

func TestCleanupCancelOnly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { // want `TestCleanupCancelOnly can return`
		<-ctx.Done()
		t.Log("stopped")
	}()
}

func TestDeferWait(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Log("working")
	}()
}

func TestServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{}
	defer srv.Close()
	go func() {
		if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
			t.Log(err)
		}
	}()
	go func() {
		if err := Serve(srv, l); err != nil {
			t.Log(err)
		}
	}()
}

func TestFatalPath(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Log("working")
	}()
	if err := Publish(""); err != nil {
		t.Fatalf("publish: %v", err)
	}
	<-done
}

func TestSubtest(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		go func() { t.Log("sub") }() // in a function literal: not the test's own body
	})
}

func Testlower(t *testing.T) {
	go func() { t.Log("not a test") }()
}

func helper(t *testing.T) {
	go func() { t.Log("not a test") }()
}

func TestCallsHelper(t *testing.T) {
	helper(t)
}

func TestSelectDefault(t *testing.T) {
	done := make(chan struct{})
	go func() { // want `TestSelectDefault can return`
		defer close(done)
		t.Log("working")
	}()
	select {
	case <-done:
	default:
		t.Log("not done yet")
	}
}

func TestFakePeer(t *testing.T) {
	c, s := net.Pipe()
	defer c.Close()
	go func() {
		b := make([]byte, 10)
		if _, err := s.Read(b); err != nil {
			t.Error(err)
			return
		}
		s.Write([]byte("pong"))
	}()
	c.Write([]byte("ping"))
	b := make([]byte, 10)
	c.Read(b)
}

func TestFakeListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			t.Error(err)
			return
		}
		c.Close()
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}
