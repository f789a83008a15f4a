// Package stored has requests built once, stored, and given a context on
// each use: the building call is not a propagation bug.
package stored

import (
	"context"
	web "net/http"
)

type poller struct {
	client *web.Client
	req    *web.Request
}

func (p *poller) init(ctx context.Context) error {
	var err error
	p.req, err = web.NewRequest("GET", "http://x/health", nil) // given a context on each use below
	if err != nil {
		return err
	}
	p.req.Header.Set("Accept", "text/plain") // used in place
	return nil
}

func (p *poller) poll(ctx context.Context) error {
	resp, err := p.client.Do(p.req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (p *poller) pollClone(ctx context.Context) error {
	_, err := p.client.Do(p.req.Clone(ctx))
	return err
}

// Through a local variable stored in a struct literal.
type pinger struct{ req *web.Request }

func newPinger(ctx context.Context) (*pinger, error) {
	req, err := web.NewRequest("HEAD", "http://x", nil)
	if err != nil {
		return nil, err
	}
	return &pinger{req: req}, nil
}

func (p *pinger) ping(ctx context.Context, do func(*web.Request) error) error {
	return do(p.req.WithContext(ctx))
}

// A package variable.
var probe *web.Request

func setup(ctx context.Context) {
	probe, _ = web.NewRequest("GET", "http://x/probe", nil)
}

func check(ctx context.Context) {
	_, _ = web.DefaultClient.Do(probe.WithContext(ctx))
}

// Near miss: a stored request that one use sends without a context.
type sender struct {
	client *web.Client
	req    *web.Request
}

func (s *sender) init(ctx context.Context) {
	s.req, _ = web.NewRequest("GET", "http://x", nil) // want `http.NewRequest drops ctx.*NewRequestWithContext`
}

func (s *sender) send(ctx context.Context) {
	_, _ = s.client.Do(s.req.WithContext(ctx))
}

func (s *sender) sendBare() {
	_, _ = s.client.Do(s.req)
}

// Near miss: stored and never given a context.
type holder struct{ req *web.Request }

func (h *holder) init(ctx context.Context) {
	h.req, _ = web.NewRequest("GET", "http://x", nil) // want `http.NewRequest drops ctx`
}

func (h *holder) get() *web.Request { return h.req }
