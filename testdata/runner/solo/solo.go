// Package solo imports nothing of the module.
package solo

import "unicode/utf8"

// MarkSolo is marked by its name, and called below.
func MarkSolo() int { return utf8.RuneLen('s') }

// Use calls MarkSolo.
func Use() int { return MarkSolo() }
