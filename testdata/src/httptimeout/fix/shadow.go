package fix

import "net/http"

// A local named time hides the package: no fix is offered, only the report.
func shadowed(time int) *http.Client {
	_ = time
	return &http.Client{} // want `http.Client without Timeout`
}
