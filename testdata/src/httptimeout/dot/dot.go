package dot

import (
	. "net/http"
	"time"
)

type wrapped struct {
	*Client // embedded: methods promote, construction is what counts
}

func dotImport(url string) {
	Get(url)               // want `http.Get uses http.DefaultClient`
	DefaultClient.Get(url) // want `http.DefaultClient has no timeout`
	_ = wrapped{&Client{}} // want `http.Client without Timeout`
	w := wrapped{&Client{Timeout: time.Second}}
	w.Get(url)                 // a client with a timeout, reached through the embedded field
	ListenAndServe(":80", nil) // want `http.ListenAndServe serves`
}
