// Package leaf is the bottom of the graph: its functions' facts reach
// every package above it.
package leaf

// MarkReady is marked by its name.
func MarkReady() {}

// Plain is not marked.
func Plain() int { return 1 }
