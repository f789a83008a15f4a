package fix

import (
	"net"
)

func noImport(conn net.Conn) string {
	b := make([]byte, 8)
	conn.Read(b) // want `use io.ReadFull\(conn, b\)`
	return string(b)
}
