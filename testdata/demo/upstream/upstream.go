// Package upstream talks to the catalogue service that prices items.
package upstream

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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
		// errwrap: %v cuts the error chain.
		return 0, fmt.Errorf("price of %s: %v", item, err)
	}
	return body.Cents, nil
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
