// Package testutils is test support: fakes serve tests, not requests.
package testutils

import (
	"context"
	"net/http"
	"time"
)

// FakeClient answers requests from a channel.
type FakeClient struct{ Resp chan *http.Response }

// Do waits for the canned response.
func (f *FakeClient) Do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	select {
	case r := <-f.Resp:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
