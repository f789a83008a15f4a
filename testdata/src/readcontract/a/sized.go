package a

import (
	"bytes"
	"io"
	"strings"
)

// relay copies the rest of an in-memory reader into a buffer of exactly
// its length: bytes.Reader fills it.
func relay(buf []byte, send func([]byte)) {
	reader := bytes.NewReader(buf[1:])
	raw := make([]byte, reader.Len())
	_, _ = reader.Read(raw)
	send(raw)

	sr := strings.NewReader("abc")
	s := make([]byte, sr.Len())
	sr.Read(s)
	send(s)
}

// relayOther sizes the buffer by another reader's length.
func relayOther(a, b *bytes.Reader, send func([]byte)) {
	raw := make([]byte, a.Len())
	_, _ = b.Read(raw) // want `the count n returned by Read is discarded but raw is used`
	send(raw)
}

// relayMore asks for more than the reader holds.
func relayMore(r *bytes.Reader, send func([]byte)) {
	raw := make([]byte, r.Len()+1)
	_, _ = r.Read(raw) // want `the count n returned by Read is discarded but raw is used`
	send(raw)
}

// relayStream: a stream is not an in-memory reader.
func relayStream(r io.Reader, n int, send func([]byte)) {
	raw := make([]byte, n)
	_, _ = r.Read(raw) // want `the count n returned by Read is discarded but raw is used`
	send(raw)
}

// ring reads from itself into a new backing buffer whose valid length it
// tracks itself.
type ring struct {
	buf  []byte
	r, w int
	src  io.Reader
}

func (rb *ring) Read(p []byte) (int, error) {
	n := copy(p, rb.buf[rb.r:rb.w])
	rb.r += n
	return n, nil
}

func (rb *ring) grow(newCap int) {
	newBuf := make([]byte, newCap)
	oldLen := rb.w - rb.r
	_, _ = rb.Read(newBuf) // its own Read
	rb.buf = newBuf
	rb.r, rb.w = 0, oldLen
}

func (rb *ring) fill() {
	tmp := make([]byte, 64)
	_, _ = rb.src.Read(tmp) // want `the count n returned by Read is discarded but tmp is used`
	rb.buf = append(rb.buf, tmp...)
}
