// Package errorigin defines an Analyzer that computes where the error
// values of a package come from, and which of its sentinels it wraps.
//
// # Analyzer errorigin
//
// errorigin: find where error values come from and which sentinels are wrapped
//
// A comparison err == ErrX or an assertion err.(*T) only breaks when the
// error reaching it may be wrapped. Rules that decide this need the calls
// whose results a local variable, a parameter or a named result may hold
// at a given point, and whether the package that defines a sentinel ever
// passes it to a function that wraps errors (fmt.Errorf with %w,
// errors.Join, pkg/errors, multierr). The Result answers the first for the
// package being analyzed; the wraps fact, a package fact exported for every
// package that wraps one of its own sentinels, answers the second across
// packages, so that the rules need no facts of their own and run only on
// the packages being analyzed.
//
// It also marks, with a fresh fact on each function, the functions whose
// every non-nil error result is made by fmt.Errorf, errors.New,
// errors.Join or github.com/pkg/errors, directly or through other such
// functions: the dynamic type of those errors is unexported in the package
// that made them, so a type assertion of one to a concrete type can never
// succeed.
//
// The analyzer reports nothing.
package errorigin
