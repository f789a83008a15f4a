package fix

import "net"

func singleImport(conn *net.TCPConn) string {
	b := make([]byte, 8)
	_, err := conn.Read(b) // want `use io.ReadFull\(conn, b\)`
	if err != nil {
		return ""
	}
	return string(b)
}
