//go:build !unix

package main

import "os"

// maxRSSKB is not measured on this system.
func maxRSSKB(*os.ProcessState) int64 { return 0 }
