package a

import (
	"net/http"
	"testing"
)

// Test files are not analyzed: a missing timeout hangs a test, not production.
func TestClient(t *testing.T) {
	http.Get("http://localhost")
	_ = &http.Client{}
	_ = &http.Server{}
}
