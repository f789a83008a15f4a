package fix

import "net/http"

func newClient(jar http.CookieJar) *http.Client {
	return &http.Client{ // want `http.Client without Timeout`
		Jar: jar, // the cookies
	}
}

func inline(jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar} // want `http.Client without Timeout`
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
