package testbroken

import "net/http"

func Fetch(url string) { http.Get(url) }
