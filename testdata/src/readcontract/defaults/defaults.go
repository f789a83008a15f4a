// Package defaults checks the rules without options: dropped data is
// reported only under -readcontract.dropped.
package defaults

import (
	"hash"
	"io"
	"net"
)

// Near miss: the error check leaves before buf[:n] is hashed; silent by
// default.
func sum(r io.Reader, h hash.Hash) error {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return err
		}
		h.Write(buf[:n])
	}
}

// A short read is still reported: the header may be half stale.
func header(c net.Conn) (byte, error) {
	var hdr [4]byte
	if _, err := c.Read(hdr[:]); err != nil { // want `the count n returned by Read is discarded but hdr is used`
		return 0, err
	}
	return hdr[3], nil
}
