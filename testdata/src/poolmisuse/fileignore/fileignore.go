//lint:file-ignore SA6002 buffers are pooled by value in this file

package fileignore

import "sync"

var pool = sync.Pool{
	New: func() any {
		return make([]byte, 8) // want `sync.Pool New returns a \[\]byte`
	},
}

func put(b []byte) { pool.Put(b) }
