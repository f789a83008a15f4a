// Package mid imports leaf: Wrap is marked because it calls a marked
// function of another package.
package mid

import "example.com/runner/leaf"

// Wrap calls leaf.MarkReady.
func Wrap() { leaf.MarkReady() }

// Calm calls leaf.Plain.
func Calm() int { return leaf.Plain() }
