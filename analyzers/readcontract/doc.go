// Package readcontract defines an Analyzer that reports calls of io.Reader's
// Read method that break its contract: bytes returned together with an
// error are dropped, or a short read is taken for a full one.
//
// # Analyzer readcontract
//
// readcontract: report Read calls that drop data or ignore short reads
//
// io.Reader's Read may return n > 0 bytes together with an error,
// including io.EOF, and may return fewer than len(buf) bytes without any
// error. "Callers should always process the n > 0 bytes returned before
// considering the error err." Code that checks err first silently loses
// the last chunk of a stream: the final part of an HTTP body, of a TLS
// connection closed by the peer, of a file behind a bufio.Reader or an
// io.SectionReader. Code that ignores n and uses the whole buffer treats
// a short read as a full one: on a network connection the rest of the
// buffer is stale data from the previous message or zeros, and a
// protocol header is decoded from garbage. Both work in tests against
// in-memory readers and fail in production, under load or with a
// different peer.
//
// The analyzer looks at calls of a method named Read whose signature is
// io.Reader's, Read([]byte) (int, error), whether the reader's static type
// is an interface (io.Reader, io.ReadCloser, net.Conn, ...), a concrete
// type, a type parameter or a struct that embeds one; method expressions
// such as (*bufio.Reader).Read(br, buf) count too. It reports:
//
//   - n, err := r.Read(buf) (or =, or var, or in the init of an if)
//     followed, in the same block, by an if statement whose condition io.EOF
//     satisfies (err != nil, err == io.EOF, errors.Is(err, io.EOF), such a
//     test || anything, or err == nil with an else branch) and whose error
//     branch ends with return, break, continue or goto, before any use of
//     n (category dropped-data). The finding is at the exit that io.EOF
//     takes: the statement ending the error branch, or the one ending a
//     nested if err == io.EOF { ... } in it; it refers to the Read call;
//   - _, err := r.Read(buf), r.Read(buf) as a statement, or
//     if _, err := r.Read(buf); ..., followed on the same path by a use of
//     the contents of buf (category short-read). The finding is at the
//     Read call and points at the use. Passing buf to len or cap, writing
//     into it or assigning it are not uses, and neither is reading into it
//     again, which overwrites the old bytes: another Read (also through a
//     method expression, or a method value held in a local assigned once),
//     a method named Read... that takes the []byte first and returns (int,
//     ..., error) (ReadAt, net.PacketConn's ReadFrom), io.ReadFull,
//     io.ReadAtLeast, crypto/rand.Read, math/rand.Read or
//     encoding/binary.Read into buf or a slice of it.
//
// # Example
//
// Under -readcontract.dropped:
//
//	for {
//		n, err := resp.Body.Read(buf)
//		if err != nil {
//			if err == io.EOF {
//				break // the last n bytes are lost
//			}
//			return err
//		}
//		h.Write(buf[:n])
//	}
//
// By default:
//
//	var hdr [8]byte
//	if _, err := conn.Read(hdr[:]); err != nil {
//		return err
//	}
//	size := binary.BigEndian.Uint32(hdr[4:]) // may be stale bytes
//
// Fixed:
//
//	for {
//		n, err := resp.Body.Read(buf)
//		h.Write(buf[:n])
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err
//		}
//	}
//
//	var hdr [8]byte
//	if _, err := io.ReadFull(conn, hdr[:]); err != nil {
//		return err
//	}
//
// or, simply, io.Copy(h, resp.Body) and io.ReadAll.
//
// # Suggested fixes
//
// For a short read, the fix rewrites r.Read(buf) into io.ReadFull(r, buf),
// adding the "io" import when needed. io.ReadFull returns io.EOF only when
// nothing was read and io.ErrUnexpectedEOF for a partial read, so error
// checks keep working and a truncated stream becomes an error instead of
// stale data. It also waits until buf is full, so it is offered only
// where the buffer's length looks like the size of a record rather than
// of a chunk: an array or make([]byte, N) of at most 64 bytes (a header,
// a magic number, a nonce), or a length computed at run time
// (make([]byte, size), buf[:size], typically a size read from a header).
// A single Read into a larger fixed buffer is often meant to take
// whatever arrives; there, io.ReadFull could wait for bytes the peer never
// sends, and the right change is to keep Read and use buf[:n]. The fix
// also needs the call written r.Read(buf) with r's type implementing
// io.Reader as it is (not only through its address). Dropped data has no
// automatic fix: the code after the check must move.
//
// # Options
//
//	-readcontract.dropped=false
//	    also report bytes returned together with an error that an error
//	    check drops by leaving first (category dropped-data). Off by
//	    default: most such readers are connections whose error ends the
//	    exchange, so the last chunk has no reader anyway, or readers whose
//	    own Read never returns data with an error; on the measured corpus 1
//	    of 8 such findings was a real loss. Short reads are reported
//	    whatever the option.
//
// # Not reported
//
//   - Dropped data, unless -readcontract.dropped is set (see Options).
//   - io.ReadFull, io.ReadAtLeast, io.ReadAll, io.Copy, and the bufio.Reader
//     methods with other contracts (ReadString, ReadBytes, ReadLine,
//     ReadRune, ReadByte...); methods named Read with another signature.
//   - Readers whose documentation promises more than io.Reader, listed in
//     one table in known.go: *bytes.Buffer, *bytes.Reader, *strings.Reader
//     and *os.File never return data together with an error, so checking
//     err first drops nothing (their short reads are still reported);
//     (*math/rand.Rand).Read, (*math/rand/v2.ChaCha8).Read and
//     crypto/rand.Reader always fill buf, so neither is reported. The
//     package functions crypto/rand.Read and math/rand.Read are not
//     methods and fill buf. A reader held in an io.Reader variable is
//     reported whatever it holds at run time.
//   - Code that uses n before leaving: if n > 0 { ... } before the error
//     check, buf[:n] processed inside the error branch, return n, err
//     (forwarding, as in a Read method that wraps another), a bare return
//     of a named result n, a condition that mentions n (n == 0 && err !=
//     nil).
//   - Error checks that io.EOF does not take: err != nil && err != io.EOF,
//     !errors.Is(err, io.EOF), err == io.ErrUnexpectedEOF. Losing a
//     partial chunk on a real I/O failure loses nothing the caller could
//     use: the transfer failed anyway.
//   - Error branches that do not leave (if err == io.EOF { eof = true }),
//     checks after n was used or reassigned, checks in a nested block or
//     in a switch statement (only if statements of the Read's own block
//     are followed, which keeps every finding on one visible path). A break, continue or goto
//     is not reported when n is also read outside the statements that
//     follow the Read (for example after the loop), where the bytes may
//     still be handled.
//   - A read from an in-memory reader (*bytes.Buffer, *bytes.Reader,
//     *strings.Reader) into a buffer made for exactly what it holds, buf
//     := make([]byte, r.Len()) with the same r: its Read copies
//     min(len(buf), r.Len()) bytes, so it fills buf.
//   - A read from the receiver of the method that holds it (rb.Read(buf)
//     inside a method of rb's type): the type's own code knows what its
//     Read returns.
//   - A single-byte read whose error is checked (var b [1]byte, or
//     make([]byte, 1)): it cannot be short without an error.
//   - A discarded count with no later use of buf on the same path (a drain,
//     a liveness probe), or uses only in another block; Read calls whose
//     results go to struct fields or are returned directly (return
//     r.r.Read(p)).
//   - Calls through function values (read := r.Read; read(buf)), whose
//     target is not known.
//   - Files whose names end in _test.go, and packages whose non-test
//     files import testing (fakes, harnesses): a test reads from readers
//     it controls.
package readcontract
