// Package other does not import leaf: an edit there leaves it alone.
package other

// Two is not marked.
func Two() int { return 2 }

