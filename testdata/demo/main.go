// Command demo is a small order service: an HTTP API in front of a worker
// pool that prices orders by asking an upstream catalogue. It contains, on
// purpose, the production anti-patterns that prodvet reports.
package main

import (
	"log"
	"net/http"
	"os"

	"example.com/demo/server"
	"example.com/demo/upstream"
)

func main() {
	catalogue := upstream.New(os.Getenv("CATALOGUE_URL"))
	api := server.New(catalogue, 4)
	api.Start()

	mux := http.NewServeMux()
	mux.HandleFunc("/orders", api.HandleOrder)
	mux.HandleFunc("/quote", api.HandleQuote)
	mux.HandleFunc("/batch", api.HandleBatch)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })

	// httptimeout: no header timeout, open to slowloris.
	srv := &http.Server{Addr: ":8080", Handler: mux}
	log.Fatal(srv.ListenAndServe())
}
