package dot

import (
	"bytes"
	. "sync"
)

var p = Pool{New: func() any { return "" + string(rune(len(names))) }} // want `New returns a string, a string`

var names []string

func use(s string) {
	p.Put(s) // want `Put of a string`
}

var np Pool

func nilGet() { _ = np.Get().(*bytes.Buffer) } // want `Get on a sync.Pool without New`
