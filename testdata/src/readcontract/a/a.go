package a

import (
	"bufio"
	"bytes"
	crand "crypto/rand"
	"crypto/sha3"
	"encoding/binary"
	"errors"
	"hash"
	"io"
	mrand "math/rand"
	"net"
	"net/http"
	"os"
	"strings"
)

func process([]byte)          {}
func processErr([]byte) error { return nil }

// ---- dropped data ----

func bodyLoop(resp *http.Response, h hash.Hash) error {
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		if err != nil {
			if err == io.EOF {
				break // want `Read returned n bytes together with err, but this break drops them: Read may return n > 0 with io.EOF or another error, so the last chunk of the stream is lost; process buf\[:n\] before checking err`
			}
			return err
		}
		h.Write(buf[:n])
	}
	return nil
}

func bodyLoopOK(resp *http.Response, h hash.Hash) error {
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		h.Write(buf[:n]) // nothing: the bytes come first
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func nestedNonEOF(r io.Reader) error {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			if err != io.EOF {
				return err
			}
			break // want `this break drops them`
		}
		process(buf[:n])
	}
	return nil
}

func eofBreak(r io.Reader) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err == io.EOF {
			break // want `this break drops them`
		}
		process(buf[:n])
	}
}

func errorsIs(r io.Reader) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if errors.Is(err, io.EOF) || err == io.ErrClosedPipe {
			continue // want `this continue drops them`
		}
		process(buf[:n])
	}
}

func nilElse(r io.Reader) error {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	if err == nil {
		process(buf)
	} else {
		return err // want `this return drops them`
	}
	process(buf[:n])
	return nil
}

func nilThenUsesN(r io.Reader) error {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	if err == nil {
		process(buf[:n])
	} else {
		return err // want `this return drops them`
	}
	return nil
}

func ifInit(conn net.Conn) error {
	buf := make([]byte, 512)
	if n, err := conn.Read(buf); err != nil {
		return err // want `Read returned n bytes together with err`
	} else {
		process(buf[:n])
	}
	return nil
}

func assignForm(br *bufio.Reader) error {
	var n int
	var err error
	buf := make([]byte, 512)
	for {
		n, err = br.Read(buf)
		if err != nil {
			return err // want `process buf\[:n\] before checking err`
		}
		process(buf[:n])
	}
}

func varForm(r io.ReadCloser) error {
	buf := make([]byte, 512)
	var n, err = r.Read(buf)
	if err != nil {
		return err // want `Read returned n bytes together with err`
	}
	process(buf[:n])
	return nil
}

func otherStatementsFirst(r io.Reader, counter *int) error {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	*counter++
	if err != nil && err != io.EOF {
		return err // nothing: io.EOF does not take this branch
	}
	if err == io.EOF {
		return nil // want `this return drops them`
	}
	process(buf[:n])
	return nil
}

func sliceDst(r io.Reader, buf []byte, off int) error {
	for {
		got, rerr := r.Read(buf[off:])
		if rerr != nil {
			return rerr // want `Read returned got bytes together with rerr, .* process the first got bytes of the buffer before checking rerr`
		}
		off += got
	}
}

func pointerBuf(r io.Reader, buf *[]byte) ([]byte, error) {
	n, err := r.Read(*buf)
	if err != nil {
		return nil, err // want `process \(\*buf\)\[:n\] before checking err`
	}
	return (*buf)[:n], nil
}

// Method expression and a struct that embeds a reader.

type conn struct {
	net.Conn
}

func methodExpr(br *bufio.Reader, c conn) error {
	buf := make([]byte, 16)
	n, err := (*bufio.Reader).Read(br, buf)
	if err != nil {
		return err // want `Read returned n bytes together with err`
	}
	process(buf[:n])
	m, err := c.Read(buf)
	if err != nil {
		return err // want `Read returned m bytes together with err`
	}
	process(buf[:m])
	return nil
}

// A type of this package that implements io.Reader.

type source struct{}

func (source) Read(p []byte) (int, error) { return 0, io.EOF }

func localReader(s source) error {
	buf := make([]byte, 16)
	n, err := s.Read(buf)
	if err != nil {
		return err // want `Read returned n bytes together with err`
	}
	process(buf[:n])
	return nil
}

// Generic readers.

func generic[R io.Reader](r R) error {
	buf := make([]byte, 16)
	n, err := r.Read(buf)
	if err != nil {
		return err // want `Read returned n bytes together with err`
	}
	process(buf[:n])
	return nil
}

type box[T any] struct{ v T }

func (b *box[T]) Read(p []byte) (int, error) { return 0, io.EOF }

func genericType(b *box[string]) error {
	buf := make([]byte, 16)
	n, err := b.Read(buf)
	if err != nil {
		return err // want `Read returned n bytes together with err`
	}
	process(buf[:n])
	return nil
}

func inCase(r io.Reader, op int) error {
	buf := make([]byte, 16)
	switch op {
	case 1:
		n, err := r.Read(buf)
		if err != nil {
			return err // want `Read returned n bytes together with err`
		}
		process(buf[:n])
	}
	return nil
}

// ---- dropped data: not reported ----

func inSwitch(r io.Reader) error {
	buf := make([]byte, 16)
	n, err := r.Read(buf)
	switch {
	case err == io.EOF:
		return nil // nothing: switch statements are not followed
	}
	process(buf[:n])
	return nil
}

func nFirst(r io.Reader) error {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			process(buf[:n])
		}
		if err != nil {
			return err // nothing: n was handled first
		}
	}
}

func nInErrorBranch(r io.Reader) error {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	if err != nil {
		process(buf[:n])
		return err // nothing: the bytes are processed in the branch
	}
	return nil
}

func nInCondition(r io.Reader) error {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	if n == 0 && err != nil {
		return err // nothing: the condition looks at n
	}
	process(buf[:n])
	return nil
}

func eofOnlyThenUse(r io.Reader) (bool, error) {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	eof := false
	if err == io.EOF {
		eof = true // nothing: the branch goes on
	}
	process(buf[:n])
	return eof, nil
}

func nonEOFOnly(r io.Reader) error {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	if err != nil && !errors.Is(err, io.EOF) {
		return err // nothing: a real failure, io.EOF does not come here
	}
	process(buf[:n])
	return nil
}

func unexpectedEOF(r io.Reader) error {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	if err == io.ErrUnexpectedEOF {
		return err // nothing: not io.EOF
	}
	process(buf[:n])
	return nil
}

type wrapper struct{ r io.Reader }

func (w *wrapper) Read(p []byte) (int, error) {
	return w.r.Read(p) // nothing: forwarded
}

type counting struct {
	r io.Reader
	n int
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err // nothing: forwarded
}

func (c *counting) forward(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil {
		return n, err // nothing: n is returned
	}
	return n, nil
}

func namedResults(r io.Reader, p []byte) (n int, err error) {
	n, err = r.Read(p)
	if err != nil {
		return // nothing: the bare return hands n to the caller
	}
	n++
	return
}

func namedExplicit(r io.Reader, p []byte) (n int, err error) {
	n, err = r.Read(p)
	if err != nil {
		return 0, err // want `this return drops them`
	}
	return n, nil
}

func usedAfterLoop(r io.Reader, buf []byte) []byte {
	var n int
	var err error
	for {
		n, err = r.Read(buf)
		if err != nil {
			break // nothing: n is used after the loop
		}
		process(buf[:n])
	}
	return buf[:n]
}

func reassigned(r io.Reader, buf []byte) error {
	n, err := r.Read(buf)
	err = wrap(err)
	if err != nil {
		return err // nothing: err is no longer the Read's error
	}
	process(buf[:n])
	return nil
}

func wrap(err error) error { return err }

func fieldResults(r io.Reader, buf []byte) error {
	var st struct {
		n   int
		err error
	}
	st.n, st.err = r.Read(buf)
	if st.err != nil {
		return st.err // nothing: results in fields are not followed
	}
	process(buf[:st.n])
	return nil
}

func otherBlock(r io.Reader, buf []byte, ok bool) error {
	n, err := r.Read(buf)
	if ok {
		if err != nil {
			return err // nothing: only the statements of the Read's block are followed
		}
	}
	process(buf[:n])
	return nil
}

func inMemory(b *bytes.Buffer, br *bytes.Reader, sr *strings.Reader, f *os.File) error {
	buf := make([]byte, 16)
	n, err := b.Read(buf)
	if err != nil {
		return err // nothing: bytes.Buffer never returns data with an error
	}
	process(buf[:n])
	n, err = br.Read(buf)
	if err != nil {
		return err // nothing: neither does bytes.Reader
	}
	process(buf[:n])
	n, err = sr.Read(buf)
	if err != nil {
		return err // nothing: nor strings.Reader
	}
	process(buf[:n])
	n, err = f.Read(buf)
	if err != nil {
		return err // nothing: nor os.File ("At end of file, Read returns 0, io.EOF")
	}
	process(buf[:n])
	var in io.Reader = b
	n, err = in.Read(buf)
	if err != nil {
		return err // want `Read returned n bytes together with err`
	}
	process(buf[:n])
	return nil
}

type embedsBuffer struct {
	bytes.Buffer
}

func promoted(e *embedsBuffer) error {
	buf := make([]byte, 16)
	n, err := e.Read(buf)
	if err != nil {
		return err // nothing: the method is bytes.Buffer's
	}
	process(buf[:n])
	return nil
}

// Methods named Read with another signature.

type store struct{}

func (store) Read(key string) (int, error)       { return 0, nil }
func (store) ReadInto(p []byte) (int, error)     { return 0, nil }
func (store) ReadN(p []byte, n int) (int, error) { return 0, nil }
func readBytes(p []byte) (int, error)            { return 0, nil }
func (s store) use(p []byte) error {
	n, err := s.Read("k")
	if err != nil {
		return err // nothing: not io.Reader's Read
	}
	_ = n
	n, err = s.ReadInto(p)
	if err != nil {
		return err // nothing: not named Read
	}
	n, err = s.ReadN(p, 1)
	if err != nil {
		return err // nothing: another signature
	}
	n, err = readBytes(p)
	if err != nil {
		return err // nothing: a function
	}
	_ = n
	return nil
}

func randoms(rng *mrand.Rand) error {
	buf := make([]byte, 16)
	n, err := crand.Reader.Read(buf)
	if err != nil {
		return err // nothing: crypto/rand.Reader fills buf
	}
	process(buf[:n])
	if _, err := crand.Read(buf); err != nil {
		return err
	}
	process(buf) // nothing: crypto/rand.Read is a function that fills buf
	rng.Read(buf)
	process(buf) // nothing: (*math/rand.Rand).Read fills buf
	s := sha3.NewSHAKE256()
	s.Write([]byte("seed"))
	s.Read(buf)
	process(buf) // nothing: an extendable-output hash fills buf
	return nil
}

func functionValue(r io.Reader) error {
	read := r.Read
	buf := make([]byte, 16)
	n, err := read(buf)
	if err != nil {
		return err // nothing: a function value
	}
	process(buf[:n])
	return nil
}

// ---- short reads ----

func header(conn net.Conn) (uint32, error) {
	var hdr [8]byte
	if _, err := conn.Read(hdr[:]); err != nil { // want `the count n returned by Read is discarded but hdr is used: Read may fill fewer than len\(hdr\) bytes, even without an error, so the rest of hdr is stale data; use io.ReadFull\(conn, hdr\[:\]\)`
		return 0, err
	}
	return binary.BigEndian.Uint32(hdr[4:]), nil
}

func body(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, size)
	_, err := r.Read(b) // want `the count n returned by Read is discarded but b is used`
	if err != nil {
		return nil, err
	}
	return b, nil
}

func ignored(r io.Reader) string {
	b := make([]byte, 32)
	r.Read(b) // want `discarded but b is used`
	return string(b)
}

func blankBoth(r io.Reader) string {
	b := make([]byte, 32)
	_, _ = r.Read(b) // want `discarded but b is used`
	return string(b)
}

type frame struct {
	hdr []byte
}

func fieldBuf(r io.Reader, f *frame) error {
	_, err := r.Read(f.hdr) // want `discarded but f.hdr is used`
	if err != nil {
		return err
	}
	return processErr(f.hdr)
}

func inMemoryShort(br *bytes.Reader) error {
	var hdr [4]byte
	if _, err := br.Read(hdr[:]); err != nil { // want `discarded but hdr is used`
		return err
	}
	return processErr(hdr[:])
}

func usedInBranch(r io.Reader) {
	b := make([]byte, 32)
	if _, err := r.Read(b); err == nil { // want `discarded but b is used`
		process(b)
	}
}

// ---- short reads: not reported ----

func drain(conn net.Conn) error {
	buf := make([]byte, 512)
	if _, err := conn.Read(buf); err != nil {
		return err // nothing: buf is not used afterwards
	}
	return nil
}

func onlyLen(r io.Reader) int {
	buf := make([]byte, 512)
	r.Read(buf)
	return len(buf) // nothing: the length is not the contents
}

func refilled(r io.Reader) error {
	buf := make([]byte, 4)
	r.Read(buf) // skip a field
	if _, err := io.ReadFull(r, buf); err != nil {
		return err
	}
	process(buf) // nothing: refilled by io.ReadFull first
	return nil
}

func overwritten(r io.Reader) {
	buf := make([]byte, 4)
	r.Read(buf)
	copy(buf, "abcd")
	buf[0] = 'x'
	buf = []byte("new")
	process(buf) // nothing: buf was assigned a new slice
}

func singleByte(r io.Reader) (byte, error) {
	var b [1]byte
	if _, err := r.Read(b[:]); err != nil {
		return 0, err
	}
	one := make([]byte, 1)
	if _, err := r.Read(one); err != nil {
		return 0, err
	}
	return b[0] + one[0], nil // nothing: a single byte cannot be short without an error
}

func singleByteUnchecked(r io.Reader) byte {
	var b [1]byte
	r.Read(b[:]) // want `discarded but b is used`
	return b[0]
}

type byteReader struct {
	r   io.Reader
	u8b []byte
}

func newByteReader(r io.Reader) *byteReader {
	return &byteReader{r: r, u8b: make([]byte, 1)}
}

func (b *byteReader) next() (byte, error) {
	if _, err := b.r.Read(b.u8b); err != nil {
		return 0, err
	}
	return b.u8b[0], nil // nothing: the field always holds one byte
}

func kept(r io.Reader) ([]byte, error) {
	buf := make([]byte, 64)
	n, err := r.Read(buf)
	if n > 0 {
		return buf[:n], nil // nothing: n is kept
	}
	return nil, err
}

func readFull(r io.Reader) ([]byte, error) {
	buf := make([]byte, 64)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	return buf, nil // nothing: io.ReadFull
}

func bufioHelpers(br *bufio.Reader) (string, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return "", err // nothing: ReadString's contract differs
	}
	return line, nil
}
