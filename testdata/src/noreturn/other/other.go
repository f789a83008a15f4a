// Package other has functions named like exits that return.
package other

// Exit is not os.Exit.
func Exit(int) {}

// Fatal is not log.Fatal.
func Fatal(...any) {}
