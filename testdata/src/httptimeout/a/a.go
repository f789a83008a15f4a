package a

import (
	"context"
	"log"
	"net"
	nethttp "net/http" // renamed import: matched by symbol, not spelling
	"time"
)

// ---- package-level helpers that use http.DefaultClient ----

func helpers(url string) {
	nethttp.Get(url)           // want `http.Get uses http.DefaultClient, which has no timeout`
	nethttp.Head(url)          // want `http.Head uses http.DefaultClient`
	nethttp.Post(url, "", nil) // want `http.Post uses http.DefaultClient`
	nethttp.PostForm(url, nil) // want `http.PostForm uses http.DefaultClient`
	fetch := nethttp.Get       // want `http.Get uses http.DefaultClient`
	fetch(url)
}

func defaultClient(req *nethttp.Request) {
	nethttp.DefaultClient.Do(req)         // want `http.DefaultClient has no timeout`
	nethttp.DefaultClient.Get("http://x") // want `http.DefaultClient has no timeout`
	c := nethttp.DefaultClient            // want `http.DefaultClient has no timeout`
	use(c)
	use(nethttp.DefaultClient)     // want `http.DefaultClient has no timeout`
	do := nethttp.DefaultClient.Do // want `http.DefaultClient has no timeout`
	do(req)
}

// Near misses: none of these sends a request without a deadline.
func defaultClientOK(parent context.Context, url string, c *nethttp.Client) {
	nethttp.DefaultClient.Timeout = 10 * time.Second // configures the default
	_ = nethttp.DefaultClient.Transport
	if c == nethttp.DefaultClient || c != nethttp.DefaultClient {
	}
	copied := *nethttp.DefaultClient
	copied.Timeout = time.Second
	nethttp.DefaultClient.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
	defer cancel()
	req, _ := nethttp.NewRequestWithContext(ctx, "GET", url, nil)
	nethttp.DefaultClient.Do(req) // the request has a deadline

	dctx, dcancel := context.WithDeadline(parent, time.Now().Add(time.Second))
	defer dcancel()
	nethttp.DefaultClient.Do(req.WithContext(dctx))

	req2, _ := nethttp.NewRequest("GET", url, nil)
	req2 = req2.WithContext(ctx)
	nethttp.DefaultClient.Do(req2)
}

// A context passed in may have no deadline: still reported.
func defaultClientParentCtx(ctx context.Context, url string) {
	req, _ := nethttp.NewRequestWithContext(ctx, "GET", url, nil)
	nethttp.DefaultClient.Do(req) // want `http.DefaultClient has no timeout`
}

// ---- clients ----

func clients(tr nethttp.RoundTripper) {
	_ = &nethttp.Client{}                                    // want `http.Client without Timeout`
	_ = nethttp.Client{Transport: nil}                       // want `http.Client without Timeout`
	_ = &nethttp.Client{Transport: nethttp.DefaultTransport} // want `http.Client without Timeout`
	_ = &nethttp.Client{Transport: &nethttp.Transport{}}     // want `http.Client without Timeout`
	_ = new(nethttp.Client)                                  // want `http.Client without Timeout`
	var zero nethttp.Client                                  // want `http.Client without Timeout`
	use(&zero)
	use(&nethttp.Client{ // want `http.Client without Timeout`
		CheckRedirect: nil,
	})
	local := &nethttp.Transport{MaxIdleConns: 10}
	c := &nethttp.Client{Transport: local} // want `http.Client without Timeout`
	c.Jar = nil                            // sets another field
	use(c)
}

type Alias = nethttp.Client

type service struct {
	client *nethttp.Client
	server *nethttp.Server
}

func aliased() *Alias {
	return &Alias{} // want `http.Client without Timeout`
}

func clientsOK(tr nethttp.RoundTripper, d time.Duration, s *service, hdr *nethttp.Transport) {
	use(&nethttp.Client{Timeout: d})
	use(&nethttp.Client{Timeout: 0}) // explicit: a visible decision
	c := &nethttp.Client{}
	c.Timeout = d // set later in the same function
	use(c)
	var z nethttp.Client
	z.Timeout = d
	use(&z)
	n := new(nethttp.Client)
	n.Timeout = d
	use(n)
	s.client = &nethttp.Client{}
	s.client.Timeout = d
	var p *nethttp.Client // a nil pointer, not a client
	use(p)
	f := func() {
		inner := &nethttp.Client{}
		inner.Timeout = d
		use(inner)
	}
	f()

	// Transports built elsewhere may bound the response and stream the body.
	use(&nethttp.Client{Transport: tr})
	use(&nethttp.Client{Transport: hdr})
	use(&nethttp.Client{Transport: s.client.Transport})
	use(&nethttp.Client{Transport: newTransport()})
	// Transports that bound the wait for the response headers.
	use(&nethttp.Client{Transport: &nethttp.Transport{ResponseHeaderTimeout: d}})
	bounded := &nethttp.Transport{}
	bounded.ResponseHeaderTimeout = d
	use(&nethttp.Client{Transport: bounded})
	either := nethttp.DefaultTransport
	if d > 0 {
		either = tr
	}
	use(&nethttp.Client{Transport: either})
	// The transport is set after construction, as minio-go's options do.
	s.client = &nethttp.Client{}
	s.client.Transport = tr
}

func newTransport() nethttp.RoundTripper { return &nethttp.Transport{} }

// ---- servers ----

func servers(h nethttp.Handler) {
	srv := &nethttp.Server{Addr: ":8080", Handler: h} // want `http.Server without ReadHeaderTimeout or ReadTimeout`
	log.Fatal(srv.ListenAndServe())
	_ = new(nethttp.Server) // want `http.Server without ReadHeaderTimeout`
	var s nethttp.Server    // want `http.Server without ReadHeaderTimeout`
	_ = &s
	nethttp.ListenAndServe(":80", h)               // want `http.ListenAndServe serves with no timeouts`
	nethttp.ListenAndServeTLS(":443", "c", "k", h) // want `http.ListenAndServeTLS serves with no timeouts`
	var l net.Listener
	nethttp.Serve(l, h)              // want `http.Serve serves with no timeouts`
	nethttp.ServeTLS(l, h, "c", "k") // want `http.ServeTLS serves with no timeouts`
}

func serversOK(h nethttp.Handler, s *service) {
	a := &nethttp.Server{Handler: h, ReadHeaderTimeout: time.Second}
	b := &nethttp.Server{Handler: h, ReadTimeout: time.Minute}
	c := &nethttp.Server{Handler: h}
	c.ReadHeaderTimeout = 5 * time.Second
	s.server = &nethttp.Server{}
	s.server.ReadTimeout = time.Second
	use(a, b, c)
	var srv nethttp.Server
	srv.ReadHeaderTimeout = time.Second
	srv.ListenAndServe() // the method on a configured server, not http.ListenAndServe
}

// Loopback listeners (pprof, debug endpoints) cannot be reached remotely.
func loopbackOK(h nethttp.Handler, port string) {
	go nethttp.ListenAndServe("localhost:6060", nil)
	go nethttp.ListenAndServe("127.0.0.1:"+port, h)
	_ = &nethttp.Server{Addr: "[::1]:8080", Handler: h}
	go nethttp.ListenAndServe(":"+port, h)                // want `http.ListenAndServe serves`
	_ = &nethttp.Server{Addr: "0.0.0.0:8080", Handler: h} // want `http.Server without ReadHeaderTimeout`
}

var pkgServer nethttp.Server

func init() { pkgServer.ReadHeaderTimeout = time.Second }

// ---- suppression ----

func suppressed(url string) {
	nethttp.Get(url) //nolint:httptimeout // calls a local sidecar that always answers
	nethttp.Get(url) //nolint:prodvet
	//nolint:httptimeout
	_ = &nethttp.Client{
		Transport: nil,
	}
	nethttp.Get(url) //nolint:errcheck // want `http.Get uses http.DefaultClient`
}

// gosec's G112 and G114 report the same server problems.
func reviewedByGosec(h nethttp.Handler) {
	_ = &nethttp.Server{ // #nosec G112 -- behind a proxy that cuts slow clients
		Handler: h,
	}
	nethttp.ListenAndServe(":80", h) // #nosec G114
	_ = &nethttp.Server{}            // #nosec G114 // want `http.Server without ReadHeaderTimeout`
	nethttp.ListenAndServe(":81", h) // #nosec G112 // want `http.ListenAndServe serves`
	_ = &nethttp.Client{}            // #nosec // want `http.Client without Timeout`
}

func use(...any) {}
