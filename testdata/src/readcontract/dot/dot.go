package dot

import (
	. "bufio"
	stdio "io"
	. "net"
)

func process([]byte) {}

func dotted(c Conn, br *Reader) error {
	buf := make([]byte, 16)
	n, err := c.Read(buf)
	if err == stdio.EOF {
		return nil // want `Read returned n bytes together with err`
	}
	process(buf[:n])
	m, err := br.Read(buf)
	if err != nil {
		return err // want `Read returned m bytes together with err`
	}
	process(buf[:m])
	return nil
}

type alias = stdio.ReadCloser

func aliased(rc alias) string {
	b := make([]byte, 8)
	rc.Read(b) // want `discarded but b is used`
	return string(b)
}

func refilled(r stdio.Reader) []byte {
	b := make([]byte, 8)
	r.Read(b)
	if _, err := stdio.ReadFull(r, b); err != nil {
		return nil
	}
	return b // nothing: refilled by io.ReadFull (renamed import)
}
