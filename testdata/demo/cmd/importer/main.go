// Command importer reads orders from a CSV file and submits them to the
// order service with a pool of workers.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

// Order is one row of the import file.
type Order struct {
	ID  string `json:"id"`
	SKU string `json:"sku"`
}

var client = &http.Client{Timeout: 10 * time.Second}

func submit(o Order) error {
	body, err := json.Marshal(o)
	if err != nil {
		return err
	}
	resp, err := client.Post("http://orders.internal/api/orders", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	jobs := make(chan Order, 64)
	for range 8 {
		// unwaitedgo: main returns after queueing, killing the workers
		// with orders still in the channel.
		go func() {
			for o := range jobs {
				if err := submit(o); err != nil {
					log.Printf("order %s: %v", o.ID, err)
				}
			}
		}()
	}
	for _, r := range rows {
		jobs <- Order{ID: r[0], SKU: r[1]}
	}
	close(jobs)
	log.Printf("queued %d orders", len(rows))
}
