package findings

import "net/http"

// The string before the finding holds characters of several UTF-8 and
// UTF-16 widths, so byte, rune and UTF-16 columns all differ.
var greeting, client = "héllo, 世界 😀", &http.Client{}

func fetch(url string) {
	http.Get(url)
	http.Get(url) //nolint:prodvet // silenced in the CLI, as in golangci-lint
}

func server(h http.Handler) *http.Server {
	return &http.Server{
		Handler: h,
	}
}
