// Package paced is a client library whose requests carry the caller's
// context, and code that mirrors its user's zero Timeout.
package paced

import (
	stdctx "context"
	"io"
	h "net/http"
	"time"
)

// Watcher streams events; the caller's context bounds every request.
type Watcher struct {
	client *h.Client
	base   string
}

func (w *Watcher) http() *h.Client {
	if w.client == nil {
		w.client = h.DefaultClient // every request below carries the caller's ctx
	}
	return w.client
}

// Watch sends with a context derived from its parameter.
func (w *Watcher) Watch(ctx stdctx.Context) (io.ReadCloser, error) {
	ctx, cancel := stdctx.WithCancel(ctx)
	defer cancel()
	req, err := h.NewRequestWithContext(ctx, "GET", w.base+"/watch", nil)
	if err != nil {
		return nil, err
	}
	resp, err := w.http().Do(req)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// Proxy forwards with the incoming request's context.
func (w *Watcher) Proxy(rw h.ResponseWriter, in *h.Request) {
	req := in.Clone(in.Context())
	if w.client == nil {
		w.client = &h.Client{}
	}
	resp, err := w.client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// Store is built with a default client that only Fetch uses.
type Store struct{ hc *h.Client }

// NewStore keeps the default for its user.
func NewStore() *Store { return &Store{hc: &h.Client{}} }

// Fetch sends with the caller's context.
func (s *Store) Fetch(ctx stdctx.Context, url string) error {
	req, err := h.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	_, err = s.hc.Do(req)
	return err
}

// ---- Near misses: still reported ----

// Poller also sends without the caller's context.
type Poller struct{ client *h.Client }

func (p *Poller) init() {
	if p.client == nil {
		p.client = h.DefaultClient // want `http.DefaultClient has no timeout`
	}
}

// Poll sends with a context of its own, not the caller's.
func (p *Poller) Poll(url string) error {
	req, err := h.NewRequestWithContext(stdctx.Background(), "GET", url, nil)
	if err != nil {
		return err
	}
	_, err = p.client.Do(req)
	return err
}

// Getter leaks the client to Get, which has no context at all.
type Getter struct{ client *h.Client }

func (g *Getter) init() {
	if g.client == nil {
		g.client = &h.Client{} // want `http.Client without Timeout`
	}
}

// Get sends without a context.
func (g *Getter) Get(ctx stdctx.Context, url string) error {
	_, err := g.client.Get(url)
	return err
}

// ---- Mirroring the user's own zero Timeout ----

// Options are the user's.
type Options struct{ Timeout time.Duration }

func newClient(o Options, tr h.RoundTripper) *h.Client {
	if o.Timeout == 0 {
		return &h.Client{} // the user asked for no timeout
	}
	return &h.Client{Timeout: o.Timeout}
}

func newClient2(timeout time.Duration) *h.Client {
	if timeout > 0 {
		return &h.Client{Timeout: timeout}
	} else {
		return new(h.Client)
	}
}

// Near miss: the branch tests something else.
func newClient3(retries int) *h.Client {
	if retries == 0 {
		return &h.Client{} // want `http.Client without Timeout`
	}
	return nil
}
