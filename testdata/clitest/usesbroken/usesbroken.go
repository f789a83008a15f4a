// Package usesbroken imports a package with errors: its types are
// incomplete, so it is skipped, not analyzed on half the facts.
package usesbroken

import (
	"net/http"

	_ "example.com/clitest/broken"
)

func Get(url string) (*http.Response, error) { return http.Get(url) }
