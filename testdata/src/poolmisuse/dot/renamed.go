package dot

import (
	"bytes"
	"strings"
	gosync "sync"
)

type alias = gosync.Pool

var rp = &alias{New: func() any { return new(bytes.Buffer) }}

func renamed(b []byte) {
	rp.Put(b)                       // want `Put of a \[\]byte`
	_ = rp.Get().(*strings.Builder) // want `Get is asserted to \*strings.Builder`
	_ = rp.Get().(*bytes.Buffer)
}
