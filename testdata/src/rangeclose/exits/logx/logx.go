// Package logx has functions named like exits that return: a test double.
package logx

var logged []any

// Fatal records msg and returns.
func Fatal(msg ...any) { logged = append(logged, msg...) }

// Exit records code and returns.
func Exit(code int) { logged = append(logged, code) }
