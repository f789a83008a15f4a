package errwrap

import (
	"go/types"
	"slices"
)

// A stdEntry names standard-library calls whose errors callers are
// documented to test with errors.Is or errors.As: context.Canceled,
// net.Error timeouts, fs.ErrNotExist, io.EOF, sql.ErrNoRows,
// *exec.ExitError, syscall errnos and the like.
type stdEntry struct {
	pkg   string
	recv  string   // receiver type name; "" for package functions, "*" for functions and every method
	names []string // nil: every name
}

// stdTested is the table of standard-library sources of errors that
// callers test. Parsing helpers are left out here or by localData.
var stdTested = []stdEntry{
	{pkg: "context", recv: "*"},
	{pkg: "net", recv: "*"},
	{pkg: "os", recv: "*"},
	{pkg: "io", recv: "*"},
	{pkg: "io/fs", recv: "*"},
	{pkg: "os/exec", recv: "*"},
	{pkg: "database/sql", recv: "*"},
	{pkg: "syscall", recv: "*"},
	{pkg: "bufio", recv: "Reader"},
	{pkg: "bufio", recv: "Writer"},
	{pkg: "net/http", recv: "Client"},
	{pkg: "net/http", recv: "Transport"},
	{pkg: "net/http", recv: "RoundTripper"},
	{pkg: "net/http", recv: "Server"},
	{pkg: "net/http", recv: "ResponseController"},
	{pkg: "net/http", names: []string{"Get", "Head", "Post", "PostForm", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"}},
	{pkg: "crypto/tls", recv: "Conn", names: []string{"Handshake", "HandshakeContext", "Read", "Write"}},
	{pkg: "crypto/tls", recv: "Dialer", names: []string{"Dial", "DialContext"}},
	{pkg: "crypto/tls", names: []string{"Dial", "DialWithDialer"}},
}

// stdTestedCall reports whether fn, a function or method of the standard
// library, is in stdTested.
func stdTestedCall(fn *types.Func) bool {
	path := fn.Pkg().Path()
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		t := r.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			recv = n.Obj().Name()
		}
	}
	for _, e := range stdTested {
		if e.pkg != path || (e.recv != "*" && e.recv != recv) {
			continue
		}
		if e.names == nil || slices.Contains(e.names, fn.Name()) {
			return true
		}
	}
	return false
}
