package fix

import "net"

func shadowed(conn net.Conn, io []byte) string {
	conn.Read(io) // want `use io.ReadFull\(conn, io\)`
	return string(io)
}
