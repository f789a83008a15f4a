package errcmp

// This file holds, as data, the functions whose documented contract is to
// return a sentinel error itself, or an error of a given type, never wrapped.
// Comparing (or asserting) an error that comes straight from one of them
// works, and is how the standard library's own examples are written, so it
// is not reported.

// A source is a function or method whose result an error comes from.
type source struct {
	pkg  string // package path; "" with recv "*"
	recv string // receiver type name; "" for a package-level function, "*" for any type
	name string // function or method name; "*" for any function of pkg
	// With recv "*": the method's signature, without parameter names, as
	// written by shapeOf; "" for any signature.
	shape string
	// With recv "*": another method the receiver must have.
	needs string
}

// A contract lists the sources that return target unwrapped. target is a
// package-level variable "path.Name", an error type "path.Type" or
// "*path.Type", or "*" for every sentinel and type.
type contract struct {
	target string
	from   []source
}

func fn(pkg, name string) source           { return source{pkg: pkg, name: name} }
func method(pkg, recv, name string) source { return source{pkg: pkg, recv: recv, name: name} }
func anyMethod(name, shape string) source  { return source{recv: "*", name: name, shape: shape} }
func withMethod(name, needs string) source { return source{recv: "*", name: name, needs: needs} }
func anySource() source                    { return source{recv: "*", name: "*"} }
func allFuncs(pkg string) source           { return source{pkg: pkg, name: "*"} }
func methods(pkg, recv string, names ...string) []source {
	out := make([]source, len(names))
	for i, n := range names {
		out[i] = method(pkg, recv, n)
	}
	return out
}

func join(groups ...[]source) []source {
	var out []source
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// Readers: the io interfaces require Read, ReadAt, ReadByte and ReadRune to
// return io.EOF itself ("callers will test for EOF using =="), whatever type
// implements them.
var readers = []source{
	anyMethod("Read", "func([]byte) (int, error)"),
	anyMethod("ReadAt", "func([]byte, int64) (int, error)"),
	anyMethod("ReadByte", "func() (byte, error)"),
	anyMethod("ReadRune", "func() (rune, int, error)"),
}

// Standard-library functions and methods documented to return io.EOF (and
// io.ErrUnexpectedEOF) themselves.
var eofSources = join(readers,
	[]source{
		fn("io", "ReadFull"), fn("io", "ReadAtLeast"),
		fn("encoding/binary", "Read"), fn("encoding/binary", "ReadUvarint"), fn("encoding/binary", "ReadVarint"),
		fn("fmt", "Fscan"), fn("fmt", "Fscanf"), fn("fmt", "Fscanln"),
		fn("fmt", "Sscan"), fn("fmt", "Sscanf"), fn("fmt", "Sscanln"),
		fn("fmt", "Scan"), fn("fmt", "Scanf"), fn("fmt", "Scanln"),
	},
	methods("bufio", "Reader", "Read", "ReadByte", "ReadBytes", "ReadLine", "ReadRune", "ReadSlice", "ReadString", "Peek", "Discard"),
	methods("bytes", "Buffer", "Read", "ReadByte", "ReadBytes", "ReadRune", "ReadString"),
	methods("bytes", "Reader", "Read", "ReadAt", "ReadByte", "ReadRune"),
	methods("strings", "Reader", "Read", "ReadAt", "ReadByte", "ReadRune"),
	methods("os", "File", "Read", "ReadAt", "ReadDir", "Readdir", "Readdirnames"),
	methods("io/fs", "ReadDirFile", "ReadDir"),
	methods("encoding/csv", "Reader", "Read"),
	methods("encoding/json", "Decoder", "Decode", "Token"),
	methods("encoding/xml", "Decoder", "Decode", "DecodeElement", "Token", "RawToken"),
	// x/net's HTTP/2 framer reads frame headers with io.ReadFull.
	methods("golang.org/x/net/http2", "Framer", "ReadFrame"),
	// x/net's HTML tokenizer reports the end of input as io.EOF from Err.
	methods("golang.org/x/net/html", "Tokenizer", "Err"),
	methods("encoding/gob", "Decoder", "Decode", "DecodeValue"),
	methods("archive/tar", "Reader", "Next"),
	methods("mime/multipart", "Reader", "NextPart", "NextRawPart"),
	methods("net/textproto", "Reader", "ReadLine", "ReadLineBytes", "ReadContinuedLine", "ReadContinuedLineBytes", "ReadMIMEHeader", "ReadDotLines", "ReadDotBytes"),
	// gRPC-style streams: RecvMsg, and the Recv methods generated around
	// it, return io.EOF itself when the stream ends.
	// Send and SendMsg return io.EOF itself when the stream has ended.
	[]source{withMethod("Recv", "RecvMsg"), withMethod("RecvMsg", "SendMsg"), withMethod("Send", "SendMsg"), withMethod("SendMsg", "RecvMsg")},
)

// contracts is the table of unwrapped results.
var contracts = []contract{
	{"io.EOF", eofSources},
	{"io.ErrUnexpectedEOF", join(readers, []source{
		fn("io", "ReadFull"), fn("io", "ReadAtLeast"),
		fn("encoding/binary", "Read"), fn("encoding/binary", "ReadUvarint"), fn("encoding/binary", "ReadVarint"),
		fn("fmt", "Fscan"), fn("fmt", "Fscanf"), fn("fmt", "Fscanln"),
		fn("fmt", "Sscan"), fn("fmt", "Sscanf"), fn("fmt", "Sscanln"),
	}, methods("encoding/json", "Decoder", "Decode", "Token"), methods("golang.org/x/net/http2", "Framer", "ReadFrame"))},
	// Read implementations report a buffer too small for the next record
	// (apimachinery's framers) with io.ErrShortBuffer itself.
	{"io.ErrShortBuffer", join(readers, []source{fn("io", "ReadAtLeast")})},
	{"io.ErrNoProgress", readers},
	{"io.ErrClosedPipe", join(methods("io", "PipeReader", "Read"), methods("io", "PipeWriter", "Write"))},
	{"bufio.ErrBufferFull", methods("bufio", "Reader", "ReadSlice", "Peek")},
	{"bufio.ErrNegativeCount", methods("bufio", "Reader", "Peek", "Discard")},
	{"bufio.ErrTooLong", methods("bufio", "Scanner", "Err")},
	{"bufio.ErrNegativeAdvance", methods("bufio", "Scanner", "Err")},
	{"bufio.ErrAdvanceTooFar", methods("bufio", "Scanner", "Err")},
	{"bufio.ErrFinalToken", methods("bufio", "Scanner", "Err")},
	{"database/sql.ErrNoRows", methods("database/sql", "Row", "Scan", "Err")},
	{"database/sql.ErrTxDone", join(methods("database/sql", "Tx", "Commit", "Rollback", "Exec", "ExecContext", "Prepare", "PrepareContext", "Query", "QueryContext"))},
	{"database/sql.ErrConnDone", methods("database/sql", "Conn", "Close", "ExecContext", "QueryContext", "PrepareContext", "BeginTx", "PingContext", "Raw")},
	{"net/http.ErrServerClosed", join(
		methods("net/http", "Server", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS", "Shutdown"),
		[]source{fn("net/http", "ListenAndServe"), fn("net/http", "ListenAndServeTLS"), fn("net/http", "Serve"), fn("net/http", "ServeTLS")},
	)},
	{"net/http.ErrNoCookie", methods("net/http", "Request", "Cookie")},
	{"net/http.ErrMissingFile", methods("net/http", "Request", "FormFile")},
	{"net/http.ErrNoLocation", methods("net/http", "Response", "Location")},
	{"os.ErrProcessDone", methods("os", "Process", "Signal", "Kill")},
	// A context's Err method returns Canceled or DeadlineExceeded itself.
	{"context.Canceled", []source{method("context", "Context", "Err"), withMethod("Err", "Done")}},
	{"context.DeadlineExceeded", []source{method("context", "Context", "Err"), withMethod("Err", "Done")}},
	// filepath.Walk and fs.WalkDir compare the walk function's result with
	// ==: SkipDir and SkipAll only work unwrapped, whoever compares them.
	{"path/filepath.SkipDir", []source{anySource()}},
	{"path/filepath.SkipAll", []source{anySource()}},
	{"io/fs.SkipDir", []source{anySource()}},
	{"io/fs.SkipAll", []source{anySource()}},

	// Error types returned unwrapped.
	{"*io/fs.PathError", join( // os.PathError is an alias
		[]source{
			fn("os", "Open"), fn("os", "OpenFile"), fn("os", "Create"), fn("os", "Stat"), fn("os", "Lstat"),
			fn("os", "Mkdir"), fn("os", "Remove"), fn("os", "ReadFile"), fn("os", "WriteFile"), fn("os", "ReadDir"),
			fn("os", "Chdir"), fn("os", "Chmod"), fn("os", "Chown"), fn("os", "Chtimes"), fn("os", "Truncate"),
			fn("os", "Readlink"), fn("os", "MkdirTemp"), fn("os", "CreateTemp"),
			// RemoveAll: "If there is an error, it will be of type *PathError."
			fn("os", "RemoveAll"),
		},
		methods("os", "File", "Read", "ReadAt", "Write", "WriteAt", "WriteString", "Seek", "Stat", "Sync", "Close", "Chmod", "Truncate", "ReadDir", "Readdir", "Readdirnames", "SetDeadline", "SetReadDeadline", "SetWriteDeadline"),
	)},
	{"*os.LinkError", []source{fn("os", "Rename"), fn("os", "Link"), fn("os", "Symlink")}},
	{"syscall.Errno", []source{allFuncs("syscall"), allFuncs("golang.org/x/sys/unix")}},
	{"*strconv.NumError", []source{
		fn("strconv", "Atoi"), fn("strconv", "ParseInt"), fn("strconv", "ParseUint"),
		fn("strconv", "ParseFloat"), fn("strconv", "ParseBool"), fn("strconv", "ParseComplex"),
	}},
	{"*encoding/json.SyntaxError", join([]source{fn("encoding/json", "Unmarshal")}, methods("encoding/json", "Decoder", "Decode", "Token"))},
	{"*encoding/json.UnmarshalTypeError", join([]source{fn("encoding/json", "Unmarshal")}, methods("encoding/json", "Decoder", "Decode"))},
	{"*net/url.Error", join(
		[]source{fn("net/url", "Parse"), fn("net/url", "ParseRequestURI"), fn("net/http", "Get"), fn("net/http", "Head"), fn("net/http", "Post"), fn("net/http", "PostForm")},
		methods("net/http", "Client", "Do", "Get", "Head", "Post", "PostForm"),
	)},
	// json.Unmarshal: "If v is nil or not a pointer, Unmarshal returns an
	// InvalidUnmarshalError."
	{"*encoding/json.InvalidUnmarshalError", []source{fn("encoding/json", "Unmarshal")}},
	// os.NewSyscallError returns a new *SyscallError; os.Pipe returns
	// NewSyscallError's result (source).
	{"*os.SyscallError", []source{fn("os", "NewSyscallError"), fn("os", "Pipe")}},
	// os/user: "If the user cannot be found, the returned error is of type
	// UnknownUserError", and likewise for the other lookups.
	{"os/user.UnknownUserError", []source{fn("os/user", "Lookup")}},
	{"os/user.UnknownUserIdError", []source{fn("os/user", "LookupId")}},
	{"os/user.UnknownGroupError", []source{fn("os/user", "LookupGroup")}},
	{"os/user.UnknownGroupIdError", []source{fn("os/user", "LookupGroupId")}},
	// base64 and base32 Decode: "If src contains invalid ... data, it will
	// return the number of bytes successfully written and CorruptInputError."
	{"encoding/base64.CorruptInputError", methods("encoding/base64", "Encoding", "Decode", "DecodeString")},
	{"encoding/base32.CorruptInputError", methods("encoding/base32", "Encoding", "Decode", "DecodeString")},
	// hex.Decode returns InvalidByteError(b) or ErrLength itself (source).
	{"encoding/hex.InvalidByteError", []source{fn("encoding/hex", "Decode"), fn("encoding/hex", "DecodeString")}},
	{"encoding/hex.ErrLength", []source{fn("encoding/hex", "Decode"), fn("encoding/hex", "DecodeString")}},
	// Match and Glob: "The only possible returned error is ErrBadPattern."
	{"path/filepath.ErrBadPattern", []source{fn("path/filepath", "Match"), fn("path/filepath", "Glob")}},
	{"path.ErrBadPattern", []source{fn("path", "Match")}},
	// strconv's unquoting functions return ErrSyntax itself (source).
	{"strconv.ErrSyntax", []source{fn("strconv", "Unquote"), fn("strconv", "UnquoteChar"), fn("strconv", "QuotedPrefix")}},
	// url.PathUnescape and QueryUnescape return EscapeError(s) (source).
	{"net/url.EscapeError", []source{fn("net/url", "PathUnescape"), fn("net/url", "QueryUnescape")}},
	// time.Parse and ParseInLocation build every error with newParseError
	// (source).
	{"*time.ParseError", []source{fn("time", "Parse"), fn("time", "ParseInLocation")}},
	// net.ParseCIDR returns &ParseError{Type: "CIDR address"} (source).
	{"*net.ParseError", []source{fn("net", "ParseCIDR")}},
	// Dialing and listening: Dialer.DialContext and ListenConfig.Listen
	// return every error as &OpError{Op: "dial"|"listen", ...} (source;
	// "OpError is the error type usually returned by functions in the net
	// package").
	{"*net.OpError", join(
		[]source{fn("net", "Dial"), fn("net", "DialTimeout"), fn("net", "Listen"), fn("net", "ListenPacket")},
		methods("net", "Dialer", "Dial", "DialContext"),
		methods("net", "ListenConfig", "Listen", "ListenPacket"),
	)},
	{"*os/exec.ExitError", methods("os/exec", "Cmd", "Run", "Wait", "Output", "CombinedOutput")},
	{"*os/exec.Error", join([]source{fn("os/exec", "LookPath")}, methods("os/exec", "Cmd", "Run", "Start", "Output", "CombinedOutput"))},

	// Unwrapping by hand: the result of errors.Unwrap, of an Unwrap method
	// or of pkg/errors' Cause is one link of the chain, compared on purpose.
	{"*", []source{
		fn("errors", "Unwrap"), anyMethod("Unwrap", "func() error"),
		fn("github.com/pkg/errors", "Cause"),
	}},
}

// quietWhenUnknown lists the sentinels reported only when every value
// compared is known to come from calls and one of them is not covered by a
// contract. The io interfaces require io.EOF to be returned unwrapped and
// the whole ecosystem compares it with ==, so an io.EOF of unknown origin
// (a parameter, a field, a function value) is almost always the real one.
// Likewise the context errors: their main source is ctx.Err(), which
// returns them as is, and helpers that map them (grpc's ContextErr) take
// ctx.Err() as a parameter.
var quietWhenUnknown = map[string]bool{
	"io.EOF":                   true,
	"io.ErrUnexpectedEOF":      true,
	"context.Canceled":         true,
	"context.DeadlineExceeded": true,
}

// freshErrors create a new error that wraps nothing: comparing it with a
// sentinel is false, rightly, whatever the sentinel. fmt.Errorf counts only
// with a constant format without %w (checked in code).
var freshErrors = []source{
	fn("errors", "New"), fn("fmt", "Errorf"),
	fn("google.golang.org/grpc/status", "Error"), fn("google.golang.org/grpc/status", "Errorf"),
}
