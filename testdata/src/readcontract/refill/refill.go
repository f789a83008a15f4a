package refill

import (
	crand "crypto/rand"
	"encoding/binary"
	"io"
	"net"
	"os"
)

func process([]byte) {}

func randAfter(conn net.Conn) error {
	buf := make([]byte, 16)
	if _, err := conn.Read(buf); err != nil {
		return err
	}
	crand.Read(buf)
	process(buf)
	return nil
}

func readAtAfter(conn net.Conn, f *os.File) error {
	var buf [8]byte
	if _, err := conn.Read(buf[:]); err != nil {
		return err
	}
	if _, err := f.ReadAt(buf[:], 0); err != nil {
		return err
	}
	process(buf[:])
	return nil
}

func packetAfter(conn net.Conn, pc net.PacketConn) error {
	var buf [8]byte
	if _, err := conn.Read(buf[:]); err != nil {
		return err
	}
	if _, _, err := pc.ReadFrom(buf[:]); err != nil {
		return err
	}
	process(buf[:])
	return nil
}

func binaryAfter(conn net.Conn) error {
	var buf [8]byte
	if _, err := conn.Read(buf[:]); err != nil {
		return err
	}
	if err := binary.Read(conn, binary.BigEndian, buf[:]); err != nil {
		return err
	}
	process(buf[:])
	return nil
}

type src[R io.Reader] struct{ r R }

func genericAfter[R io.Reader](s src[R], conn net.Conn) error {
	var buf [8]byte
	if _, err := conn.Read(buf[:]); err != nil {
		return err
	}
	read := s.r.Read
	if _, err := read(buf[:]); err != nil {
		return err
	}
	process(buf[:])
	return nil
}

func methodExprAfter(conn net.Conn, f *os.File) error {
	var buf [8]byte
	if _, err := conn.Read(buf[:]); err != nil {
		return err
	}
	if _, err := (*os.File).ReadAt(f, buf[:], 0); err != nil {
		return err
	}
	process(buf[:])
	return nil
}

// Near misses: the same shapes that use the bytes, or refill another buffer.

func writeAfter(conn net.Conn, w io.Writer) error {
	var buf [8]byte
	if _, err := conn.Read(buf[:]); err != nil { // want `discarded but buf is used`
		return err
	}
	_, err := w.Write(buf[:]) // Write has Read's signature but sends the bytes
	return err
}

func writeValueAfter(conn net.Conn, w io.Writer) error {
	var buf [8]byte
	if _, err := conn.Read(buf[:]); err != nil { // want `discarded but buf is used`
		return err
	}
	write := w.Write
	_, err := write(buf[:])
	return err
}

func otherBufferAfter(conn net.Conn) error {
	var buf, other [8]byte
	if _, err := conn.Read(buf[:]); err != nil { // want `discarded but buf is used`
		return err
	}
	crand.Read(other[:])
	if err := binary.Read(conn, binary.BigEndian, other[:]); err != nil {
		return err
	}
	process(buf[:])
	return nil
}
