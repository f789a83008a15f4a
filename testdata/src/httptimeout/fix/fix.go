package fix

import "net/http"

func newClient(tr http.RoundTripper) *http.Client {
	return &http.Client{ // want `http.Client without Timeout`
		Transport: tr, // the transport
	}
}

func inline(tr http.RoundTripper) *http.Client {
	return &http.Client{Transport: tr} // want `http.Client without Timeout`
}

func empty() http.Client {
	return http.Client{} // want `http.Client without Timeout`
}

func server(h http.Handler) *http.Server {
	return &http.Server{ // want `http.Server without ReadHeaderTimeout`
		Addr:    ":8080",
		Handler: h,
	}
}
