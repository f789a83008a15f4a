package options

import (
	"net/http"
	"time"
)

var _ = time.Now

var client = &http.Client{} // want `for example 90 \* time.Second`

var server = &http.Server{} // want `for example 500 \* time.Millisecond`
