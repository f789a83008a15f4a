// Package upstream talks to the catalogue service that prices items.
package upstream

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// ErrUnknownItem is returned, wrapped, for items the catalogue does not sell.
var ErrUnknownItem = errors.New("unknown item")

// Catalogue is a client of the catalogue service.
type Catalogue struct {
	base   string
	client *http.Client
}

// New returns a catalogue client for the service at base.
func New(base string) *Catalogue {
	// httptimeout: a hung catalogue holds every worker forever.
	return &Catalogue{base: base, client: &http.Client{}}
}

// Price returns the price of item in cents.
func (c *Catalogue) Price(item string) (int, error) {
	resp, err := c.client.Get(c.base + "/price/" + item)
	if err != nil {
		return 0, fmt.Errorf("price of %s: %w", item, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return 0, fmt.Errorf("price of %s: %w", item, ErrUnknownItem)
	}
	var body struct{ Cents int }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		// Not reported: a decode error is not one that callers test for.
		return 0, fmt.Errorf("price of %s: %v", item, err)
	}
	return body.Cents, nil
}

// PriceBy returns the price of item, or gives up when ctx is done.
func (c *Catalogue) PriceBy(ctx context.Context, item string) (int, error) {
	type answer struct {
		cents int
		err   error
	}
	answers := make(chan answer)
	go func() {
		cents, err := c.Price(item)
		// chanleak: when ctx is done first, nobody receives this and the
		// goroutine blocks forever, one more on every timed-out request.
		answers <- answer{cents, err}
	}()
	select {
	case a := <-answers:
		return a.cents, a.err
	case <-ctx.Done():
		return 0, fmt.Errorf("price of %s: %w", item, ctx.Err())
	}
}

// Healthy reports whether the catalogue answers.
func (c *Catalogue) Healthy() bool {
	// httptimeout: http.Get uses http.DefaultClient, which has no timeout.
	resp, err := http.Get(c.base + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// WaitHealthy polls the catalogue until it answers or ctx ends.
func (c *Catalogue) WaitHealthy(ctx context.Context, every time.Duration) error {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for !c.Healthy() {
		select {
		case <-tick.C:
		case <-ctx.Done():
			// errwrap: %v cuts the error chain: callers can no longer tell
			// their deadline (give up, answer 504) from a cancellation.
			return fmt.Errorf("catalogue not healthy: %v", ctx.Err())
		}
	}
	return nil
}

// Invoice downloads the invoice PDF of an order from the billing service.
func (c *Catalogue) Invoice(orderID string) ([]byte, error) {
	resp, err := c.client.Get(c.base + "/invoices/" + orderID)
	if err != nil {
		return nil, fmt.Errorf("fetch invoice %s: %w", orderID, err)
	}
	defer resp.Body.Close()
	var pdf bytes.Buffer
	buf := make([]byte, 32*1024)
	for {
		n, err := resp.Body.Read(buf)
		if err == io.EOF {
			// readcontract: Read may return the last bytes with io.EOF.
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read invoice %s: %w", orderID, err)
		}
		pdf.Write(buf[:n])
	}
	return pdf.Bytes(), nil
}

// ReadEvent reads one length-prefixed price-change event from the
// catalogue's event stream.
func ReadEvent(conn net.Conn) ([]byte, error) {
	var hdr [4]byte
	// readcontract: a short read leaves part of the header stale.
	if _, err := conn.Read(hdr[:]); err != nil {
		return nil, err
	}
	event := make([]byte, binary.BigEndian.Uint32(hdr[:]))
	if _, err := io.ReadFull(conn, event); err != nil {
		return nil, err
	}
	return event, nil
}
