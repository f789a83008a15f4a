package fix

import (
	"encoding/binary"
	"io"
	"net"
)

func header(conn net.Conn) (uint32, error) {
	var hdr [8]byte
	if _, err := conn.Read(hdr[:]); err != nil { // want `use io.ReadFull\(conn, hdr\[:\]\)`
		return 0, err
	}
	return binary.BigEndian.Uint32(hdr[4:]), nil
}

func body(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, size)
	_, err := r.Read(b) // want `use io.ReadFull\(r, b\)`
	if err != nil {
		return nil, err
	}
	return b, nil
}

func statement(r io.ReadCloser) string {
	b := make([]byte, 8)
	r.Read(b) // want `use io.ReadFull\(r, b\)`
	return string(b)
}

type src struct{}

func (s *src) Read(p []byte) (int, error) { return len(p), nil }

func pointerMethod(s src, t *src) string {
	b := make([]byte, 8)
	s.Read(b) // want `use io.ReadFull\(s, b\)`
	c := make([]byte, 8)
	t.Read(c) // want `use io.ReadFull\(t, c\)`
	return string(b) + string(c)
}

func parenthesized(r io.Reader) string {
	b := make([]byte, 8)
	(r.Read)(b) // want `use io.ReadFull\(r, b\)`
	return string(b)
}

func chunk(conn net.Conn) string {
	buf := make([]byte, 4096)
	conn.Read(buf) // want `use io.ReadFull\(conn, buf\)`
	return string(buf)
}

func param(r io.Reader, p []byte) []byte {
	r.Read(p) // want `use io.ReadFull\(r, p\)`
	return p
}

func computed(r io.Reader, p []byte, size int) []byte {
	r.Read(p[:size]) // want `use io.ReadFull\(r, p\[:size\]\)`
	return p
}
