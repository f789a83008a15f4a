package fix

import (
	"net/http"
	stdtime "time"
)

var _ = stdtime.Now

func renamedTime() *http.Server {
	return &http.Server{} // want `http.Server without ReadHeaderTimeout`
}
