package cgo

// int add(int a, int b) { return a + b; }
import "C"

import "net/http"

func Add() int { return int(C.add(1, 2)) }

var client = &http.Client{}

func Fetch() { http.Get("http://x") }
