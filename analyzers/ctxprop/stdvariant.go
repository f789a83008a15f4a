package ctxprop

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/prodvet/prodvet/internal/match"
	"github.com/prodvet/prodvet/passes/ctxscope"
)

// stdVariant is a standard-library call whose context-taking equivalent
// has another name or shape, so the XContext lookup does not find it.
type stdVariant struct {
	pkg, recv, name string // recv: the receiver's type name, "" for functions
	instead         string // what to call, %s standing for the context
}

// stdVariants is the table: every entry blocks on the network.
var stdVariants = []stdVariant{
	{"net", "", "Dial", "(&net.Dialer{}).DialContext(%s, network, address)"},
	{"net", "", "DialTimeout", "(&net.Dialer{Timeout: timeout}).DialContext(%s, network, address)"},
	{"crypto/tls", "", "Dial", "(&tls.Dialer{Config: config}).DialContext(%s, network, address)"},
	{"crypto/tls", "", "DialWithDialer", "(&tls.Dialer{NetDialer: dialer, Config: config}).DialContext(%s, network, address)"},
	{"net/http", "", "Get", "http.NewRequestWithContext(%s, http.MethodGet, url, nil) and a client's Do"},
	{"net/http", "", "Head", "http.NewRequestWithContext(%s, http.MethodHead, url, nil) and a client's Do"},
	{"net/http", "", "Post", "http.NewRequestWithContext(%s, http.MethodPost, url, body) and a client's Do"},
	{"net/http", "", "PostForm", "http.NewRequestWithContext(%s, http.MethodPost, url, strings.NewReader(data.Encode())) and a client's Do"},
	{"net/http", "Client", "Get", "http.NewRequestWithContext(%s, http.MethodGet, url, nil) and this client's Do"},
	{"net/http", "Client", "Head", "http.NewRequestWithContext(%s, http.MethodHead, url, nil) and this client's Do"},
	{"net/http", "Client", "Post", "http.NewRequestWithContext(%s, http.MethodPost, url, body) and this client's Do"},
	{"net/http", "Client", "PostForm", "http.NewRequestWithContext(%s, http.MethodPost, url, strings.NewReader(data.Encode())) and this client's Do"},
	{"net", "", "LookupHost", "net.DefaultResolver.LookupHost(%s, host)"},
	{"net", "", "LookupIP", "net.DefaultResolver.LookupIPAddr(%s, host)"},
	{"net", "", "LookupAddr", "net.DefaultResolver.LookupAddr(%s, addr)"},
	{"net", "", "LookupCNAME", "net.DefaultResolver.LookupCNAME(%s, host)"},
	{"net", "", "LookupMX", "net.DefaultResolver.LookupMX(%s, name)"},
	{"net", "", "LookupNS", "net.DefaultResolver.LookupNS(%s, name)"},
	{"net", "", "LookupPort", "net.DefaultResolver.LookupPort(%s, network, service)"},
	{"net", "", "LookupSRV", "net.DefaultResolver.LookupSRV(%s, service, proto, name)"},
	{"net", "", "LookupTXT", "net.DefaultResolver.LookupTXT(%s, name)"},
}

// stdVariantOf returns the table's entry for fn.
func stdVariantOf(fn *types.Func) (stdVariant, bool) {
	for _, v := range stdVariants {
		if v.recv == "" && match.Func(fn, v.pkg, v.name) || v.recv != "" && match.Method(fn, v.pkg, v.recv, v.name) {
			return v, true
		}
	}
	return stdVariant{}, false
}

// checkStdVariant reports a call of the table with a context in scope,
// under the rules of checkVariant. There is no fix: the replacement has
// another shape.
func (c *checker) checkStdVariant(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) bool {
	v, ok := stdVariantOf(fn)
	if !ok {
		return false
	}
	src, m := c.scope.Locate(cur)
	if src == nil || m == ctxscope.Detached || m == ctxscope.Goroutine {
		return false
	}
	if c.resultGetsContext(cur) || c.onShutdownPath(cur) || c.roots.Explained(call.Pos(), src.Func) {
		return false
	}
	var at ast.Node = call.Fun
	if sel := c.selectorOf(call); sel != nil {
		at = sel.Sel
	}
	c.rep.Report(at, CategoryVariant, fmt.Sprintf("%s drops %s: the call is not cancelled when the request is and ignores its deadline, "+
		"so a slow or unreachable peer holds this goroutine past the request; call %s instead",
		funcName(fn), src.Expr, fmt.Sprintf(v.instead, src.Expr)))
	return true
}
