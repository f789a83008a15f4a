// Package stdlib has standard-library calls whose context-taking
// equivalent has another name or shape.
package stdlib

import (
	"context"
	"crypto/tls"
	"net"
	nethttp "net/http"
	"net/url"
	"strings"
)

type apiClient struct {
	*nethttp.Client // embedded: c.Get is (*http.Client).Get
}

func calls(ctx context.Context, c *nethttp.Client, api apiClient, cfg *tls.Config) error {
	conn, err := net.Dial("tcp", "db:5432") // want `net.Dial drops ctx: .*call \(&net.Dialer\{\}\).DialContext\(ctx, network, address\) instead`
	if err != nil {
		return err
	}
	conn.Close()
	_, _ = net.DialTimeout("tcp", "db:5432", 0) // want `net.DialTimeout drops ctx: .*DialContext`
	_, _ = tls.Dial("tcp", "api:443", cfg)      // want `tls.Dial drops ctx: .*tls.Dialer`
	resp, err := nethttp.Get("http://api/items") // want `http.Get drops ctx: .*NewRequestWithContext\(ctx, http.MethodGet`
	if err != nil {
		return err
	}
	resp.Body.Close()
	_, _ = c.Post("http://api", "text/plain", strings.NewReader("x")) // want `\(\*http.Client\).Post drops ctx`
	_, _ = api.Get("http://api")                                     // want `\(\*http.Client\).Get drops ctx`
	_, _ = c.PostForm("http://api", url.Values{})                    // want `\(\*http.Client\).PostForm drops ctx`
	_, _ = net.LookupHost("db")                                      // want `net.LookupHost drops ctx: .*net.DefaultResolver.LookupHost\(ctx, host\)`
	_, _ = net.LookupIP("db")                                        // want `net.LookupIP drops ctx: .*LookupIPAddr`
	return nil
}

// Near misses.

// No context in scope: nothing to pass.
func noContext() {
	_, _ = net.Dial("tcp", "x")
	_, _ = nethttp.Get("http://x")
}

// The context-taking forms themselves.
func good(ctx context.Context, c *nethttp.Client) {
	var d net.Dialer
	_, _ = d.DialContext(ctx, "tcp", "x")
	req, _ := nethttp.NewRequestWithContext(ctx, nethttp.MethodGet, "http://x", nil)
	_, _ = c.Do(req)
	_, _ = net.DefaultResolver.LookupHost(ctx, "x")
}

// In a goroutine, detaching may be the point.
func background(ctx context.Context) {
	go func() {
		_, _ = net.Dial("tcp", "x")
	}()
}

// A function value is not resolved.
func value(ctx context.Context) {
	dial := net.Dial
	_, _ = dial("tcp", "x")
}
