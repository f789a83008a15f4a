package readcontract

import (
	"go/types"

	"github.com/prodvet/prodvet/internal/match"
)

// promise is what the documentation of a Read method, or of a reader
// variable, promises beyond io.Reader's contract.
type promise struct {
	// noDataWithError: never returns n > 0 together with an error, so
	// checking err first drops nothing.
	noDataWithError bool
	// fillsFully: always fills p and returns len(p), nil.
	fillsFully bool
	// fillsToLen: an in-memory reader whose Read copies min(len(p),
	// r.Len()) bytes, so a buffer of r.Len() bytes is filled.
	fillsToLen bool
}

// knownTypes lists the readers whose documented Read contract is stricter
// than io.Reader's. It is the one place to extend: each entry quotes the
// documentation it relies on. A type matches when it declares the Read
// method called (so a struct that embeds it and promotes its Read matches
// too) or when it is the static type of the reader (for interfaces such
// as sha3.ShakeHash that get Read from an embedded io.Reader). A reader
// held in an io.Reader variable is not exempt: its dynamic type is
// unknown.
var knownTypes = []struct {
	pkg, typ string
	promise
	doc string
}{
	{"bytes", "Buffer", promise{noDataWithError: true, fillsToLen: true},
		"If the buffer has no data to return, err is io.EOF (unless len(p) is zero); otherwise it is nil."},
	{"bytes", "Reader", promise{noDataWithError: true, fillsToLen: true},
		"returns 0, io.EOF once the slice is consumed, and n, nil before"},
	{"strings", "Reader", promise{noDataWithError: true, fillsToLen: true},
		"returns 0, io.EOF once the string is consumed, and n, nil before"},
	{"os", "File", promise{noDataWithError: true},
		"At end of file, Read returns 0, io.EOF."},
	{"math/rand", "Rand", promise{noDataWithError: true, fillsFully: true},
		"It always returns len(p) and a nil error."},
	{"math/rand/v2", "ChaCha8", promise{noDataWithError: true, fillsFully: true},
		"Read reads exactly len(p) bytes into p. It always returns len(p) and a nil error."},
	// Extendable-output hash functions: Read squeezes as many bytes as
	// asked and never fails.
	{"crypto/sha3", "SHAKE", promise{noDataWithError: true, fillsFully: true},
		"Read squeezes an arbitrary number of bytes from the sponge. It never returns an error."},
	{"crypto/internal/fips140/sha3", "SHAKE", promise{noDataWithError: true, fillsFully: true},
		"the implementation of crypto/sha3.SHAKE"},
	{"golang.org/x/crypto/sha3", "ShakeHash", promise{noDataWithError: true, fillsFully: true},
		"Read reads more output from the hash [...] It never returns an error"},
}

// knownVars lists reader variables whose dynamic type is fixed and
// documented.
var knownVars = []struct {
	pkg, name string
	promise
	doc string
}{
	{"crypto/rand", "Reader", promise{noDataWithError: true, fillsFully: true},
		"crypto/rand.Read, which reads Reader: It never returns an error, and always fills b entirely."},
}

// knownReaderOf returns the promises of the Read call rc.
func knownReaderOf(info *types.Info, rc readCall) promise {
	static := info.TypeOf(rc.recv)
	for _, k := range knownTypes {
		if match.Method(rc.method, k.pkg, k.typ, "Read") || match.NamedType(static, k.pkg, k.typ) {
			return k.promise
		}
	}
	obj := match.ObjectOf(info, rc.recv)
	for _, k := range knownVars {
		if match.Var(obj, k.pkg, k.name) {
			return k.promise
		}
	}
	return promise{}
}
