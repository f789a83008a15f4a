// Package httptimeout defines an Analyzer that reports HTTP clients and
// servers built without timeouts.
//
// # Analyzer httptimeout
//
// httptimeout: report HTTP clients and servers without timeouts
//
// A request to a slow or hung peer without a deadline holds a goroutine, a
// connection and its buffers forever; enough of them and the service runs
// out of memory or file descriptors. A server without a header read timeout
// lets any client hold a connection open by sending its headers slowly
// (slowloris). net/http sets none of these timeouts by default.
//
// The analyzer reports:
//   - calls (and other uses) of http.Get, http.Head, http.Post and
//     http.PostForm, which send with http.DefaultClient;
//   - uses of http.DefaultClient that send requests: passing it on, storing
//     it, or calling its Do, Get, Head, Post or PostForm method. Do is not
//     reported when its request carries a context that the same function
//     derived with context.WithTimeout or context.WithDeadline;
//   - an http.Client built without Timeout on a transport that does not
//     bound the wait for a response (see below): http.Client{...},
//     &http.Client{...}, new(http.Client), var c http.Client;
//   - an http.Server built without ReadHeaderTimeout or ReadTimeout, in the
//     same four forms;
//   - http.ListenAndServe, http.ListenAndServeTLS, http.Serve and
//     http.ServeTLS, which start a server that has no timeouts at all.
//
// A client or server is not reported when the same function sets the
// missing field on the variable or field it was stored in, before or after
// construction (c.Timeout = cfg.Timeout).
//
// # Example
//
//	client := &http.Client{}               // no Timeout
//	resp, err := http.Get(url)             // http.DefaultClient
//	srv := &http.Server{Addr: ":8080", Handler: mux}
//	log.Fatal(srv.ListenAndServe())
//
// Fixed:
//
//	client := &http.Client{Timeout: 30 * time.Second}
//	resp, err := client.Get(url)
//	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
//
// # Suggested fixes
//
// For a client literal the fix adds Timeout: 30 * time.Second; for a server
// literal, ReadHeaderTimeout: 10 * time.Second. Both add the time import when
// the file lacks it. There is no automatic fix for http.Get and its siblings
// or for http.ListenAndServe: which client or server to use is a design
// decision.
//
// # Options
//
// httptimeout is opt-in: it runs only when enabled by name (prodvet
// -enable default,httptimeout; settings.enable in golangci-lint; -httptimeout
// under go vet). On the bench corpus of 29 modules 10 of its 56 findings
// (18%) were a true bug or a real risk: most servers without timeouts were
// examples, metrics and pprof listeners, test harnesses and CLI tools, and
// most clients without Timeout sent only requests that carry the caller's
// context, which a Timeout would cut short on long downloads and watches.
//
//	-httptimeout.client-timeout=30s
//	    the Timeout the fix gives an http.Client literal
//	-httptimeout.server-header-timeout=10s
//	    the ReadHeaderTimeout the fix gives an http.Server literal
//
// # Not reported
//
//   - Files whose names end in _test.go: tests talk to httptest servers, and
//     a missing timeout there hangs a test, not a production service.
//   - A client whose Transport is built elsewhere: a parameter, a field, a
//     package variable or the result of a call. Whoever builds that
//     transport may bound it with ResponseHeaderTimeout, and a client that
//     streams bodies (object storage, watches, server-sent events) must not
//     have an overall Timeout, which would cut long transfers. A client is
//     reported only when its transport is absent, nil, http.DefaultTransport
//     or an http.Transport built in the same function without
//     ResponseHeaderTimeout; setting ResponseHeaderTimeout (in the literal or
//     later in the function) also silences it, as does setting the
//     client's Transport after construction.
//   - Servers whose address is a loopback constant ("localhost:6060",
//     "127.0.0.1:"+port): debug and pprof listeners that no remote client
//     can reach.
//   - Code that gosec already reviewed for the same problem: a
//     "#nosec G112" comment silences the server rule and "#nosec G114" the
//     http.ListenAndServe rule (a bare "#nosec" silences both).
//   - A literal that sets the field, whatever its value: Timeout: 0 is a
//     visible decision, not an omission.
//   - A client without Timeout built where a time.Duration is known to be
//     zero (in the body of if cfg.Timeout == 0 or <= 0, in the else
//     branch of != 0 or > 0): the code mirrors its user's own choice of no
//     timeout, as &http.Client{Timeout: cfg.Timeout} does.
//   - A default client that a library keeps for its user (http.DefaultClient,
//     &http.Client{} or new(http.Client) stored into a struct field, as in
//     if c.client == nil { c.client = http.DefaultClient }, set in a
//     constructor's struct literal, or returned by a getter) when every use
//     of that field or getter in the package sends with Do a request built
//     by http.NewRequestWithContext, Request.WithContext or Request.Clone
//     from a context.Context parameter of the sending function (or one
//     derived from it, or an *http.Request parameter's Context()), and the
//     client is otherwise only compared with nil, configured or stored.
//     The caller's context bounds each request, and these libraries often
//     serve long watches and streams that an overall Timeout would cut.
//     Any other use (Get, Post, passing the client on, a request with
//     context.Background()) keeps the finding; uses by other packages of
//     an exported field are not seen. A client the function uses itself,
//     such as http.DefaultClient.Do(req), is still reported.
//   - Reading or setting fields of http.DefaultClient
//     (http.DefaultClient.Timeout = ...), comparing a client with it, and
//     copying it (*http.DefaultClient).
//   - Clients and servers returned by other code (httptest.Server.Client,
//     a constructor of another package): their timeouts are set elsewhere.
//   - A server that is only reachable through a timeout set by a wrapper
//     (http.TimeoutHandler) is still reported: TimeoutHandler bounds the
//     handler, not the reading of the request headers.
package httptimeout
