// Near miss: main blocks in a server after starting background work.
package main

import (
	"fmt"
	"log"
	nethttp "net/http"
)

func warm() { fmt.Println("warming caches") }

func main() {
	go warm()
	srv := &nethttp.Server{Addr: ":8080"}
	if err := srv.ListenAndServe(); err != nil {
		log.Println(err)
	}
}
