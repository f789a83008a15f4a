// Package top imports mid, and so leaf through it.
package top

import (
	"example.com/runner/mid"
	"example.com/runner/other"
)

// Run calls mid.Wrap, marked through leaf's fact.
func Run() int {
	mid.Wrap()
	return mid.Calm() + other.Two()
}
