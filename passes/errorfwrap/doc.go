// Package errorfwrap defines an Analyzer that finds errorf wrappers:
// functions that forward their format and arguments to fmt.Errorf.
//
// # Analyzer errorfwrap
//
// errorfwrap: find functions that forward a format and arguments to fmt.Errorf
//
// A function such as
//
//	func Wrapf(format string, args ...any) error { return fmt.Errorf(format, args...) }
//
// wraps with %w exactly as fmt.Errorf does, so a rule about error formats
// must check its calls too, in every package that calls it. A function is
// an errorf wrapper when its last parameters are "format string, args
// ...any", it returns an error, it passes both on unchanged to fmt.Errorf
// or to another wrapper (of its own package or, by its fact, of another),
// and it neither assigns them nor takes their address. Each wrapper gets
// an errorfWrapper fact, the way the printf pass marks print wrappers.
//
// The analyzer reports nothing.
package errorfwrap
