package go121

import (
	"encoding/json"
	"net/http"
	"time"
)

func handlers(mux *http.ServeMux, states []string) {
	for _, state := range states {
		mux.HandleFunc("/orders/"+state, func(w http.ResponseWriter, r *http.Request) {
			json.NewEncoder(w).Encode(state) // want `^HTTP handler registered in a loop captures loop variable state; before Go 1\.22 all iterations share one state, so requests see a later value \(usually the last\); copy state \(state := state\) in the loop body, or move the module to go 1\.22$`
		})
	}
	for i, state := range states {
		http.HandleFunc("/v2/"+state, func(w http.ResponseWriter, r *http.Request) {
			json.NewEncoder(w).Encode(i) // want `HTTP handler registered in a loop captures loop variable i`
		})
		// Not reported: the path is evaluated in the iteration.
		http.Handle("/v3/"+state, http.NotFoundHandler())
	}
}

func timers(orders []Order) {
	for _, o := range orders {
		time.AfterFunc(time.Second, func() { ship(o) }) // want `time\.AfterFunc callback captures loop variable o`
	}
}

// localMux: the mux is created in the iteration and serves its requests.
func localMux(states []string, w http.ResponseWriter, r *http.Request) {
	for _, state := range states {
		mux := http.NewServeMux()
		mux.HandleFunc("/orders/"+state, func(w http.ResponseWriter, r *http.Request) {
			json.NewEncoder(w).Encode(state)
		})
		mux.ServeHTTP(w, r)
	}
}
