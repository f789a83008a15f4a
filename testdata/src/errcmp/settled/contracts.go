package settled

import (
	b64 "encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net"
	"os"
	osuser "os/user"
	"path/filepath"
	"strconv"
	"time"
)

// Errors straight from standard functions documented to return them
// unwrapped.
func contracts(data []byte, s string) {
	if _, err := osuser.Lookup(s); err != nil {
		if _, ok := err.(osuser.UnknownUserError); ok {
			return
		}
	}
	if _, err := b64.StdEncoding.DecodeString(s); err != nil {
		if _, ok := err.(b64.CorruptInputError); ok {
			return
		}
	}
	decode := hex.DecodeString // a method value of the same function
	if _, err := decode(s); err == hex.ErrLength {
		return
	}
	var v any
	if err := json.Unmarshal(data, v); err != nil {
		if _, ok := err.(*json.InvalidUnmarshalError); ok {
			return
		}
	}
	if _, err := filepath.Match(s, "x"); err == filepath.ErrBadPattern {
		return
	}
	if _, err := strconv.Unquote(s); err == strconv.ErrSyntax {
		return
	}
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		if pe, ok := err.(*time.ParseError); ok {
			_ = pe.Value
		}
	}
	var d net.Dialer
	if _, err := d.Dial("tcp", s); err != nil {
		if oe, ok := err.(*net.OpError); ok {
			_ = oe.Op
		}
	}
	if err := os.RemoveAll(s); err != nil {
		if _, ok := err.(*os.PathError); ok {
			return
		}
	}
}

// Lookuper is implemented by users, who may wrap.
type Lookuper interface{ Lookup(string) error }

// Near misses: the same types and sentinels from code without that
// contract.
func noContract(l Lookuper, s string) {
	if err := l.Lookup(s); err != nil {
		if _, ok := err.(osuser.UnknownUserError); ok { // want `type assertion of an error to user.UnknownUserError`
			return
		}
	}
	if _, err := os.Getwd(); err != nil {
		if _, ok := err.(*os.SyscallError); ok { // want `type assertion of an error to \*os.SyscallError`
			return
		}
	}
	if err := l.Lookup(s); err == strconv.ErrSyntax { // want `error compared with strconv.ErrSyntax`
		return
	}
	if _, err := net.ResolveTCPAddr("tcp", s); err != nil {
		if _, ok := err.(*net.OpError); ok { // want `type assertion of an error to \*net.OpError`
			return
		}
	}
}
