// Package poolmisuse defines an Analyzer that reports sync.Pool uses that
// allocate on every Put or panic on Get.
//
// # Analyzer poolmisuse
//
// poolmisuse: report sync.Pool uses that allocate on every Put or panic on Get
//
// A sync.Pool stores values of type any. Putting a value that is not
// pointer-shaped (a slice, a string, a number, an array or a struct larger
// than a pointer) converts it to an interface, and the conversion allocates a
// copy on the heap on every Put: the pool then costs an allocation per use
// instead of saving one. A pool whose New returns a different type than its
// Get is asserted to, or a pool without New whose Get is asserted without the
// comma-ok form, panics in production the first time the pool is empty, and
// the garbage collector empties pools at every cycle.
//
// The analyzer reports:
//   - put-non-pointer: a call of Put (also through a promoted method of an
//     embedded pool, a method value or a method expression) whose argument
//     is a string, a number wider than a byte, or an array or struct larger
//     than one pointer (whose whole value is copied), and a slice under
//     -poolmisuse.slices;
//   - new-non-pointer: a New function (a literal or a function of the
//     package) that returns such a value, unless every Put into the pool
//     passes back the interface value that Get returned;
//   - type-mismatch: a Get asserted to a type that the value returned by New
//     does not have (New returns *bytes.Buffer, Get is asserted to
//     *strings.Builder), and a Put of a type other than the one New returns
//     into a pool whose every Get is asserted to New's type;
//   - nil-get: a Get asserted without the comma-ok form on a pool that never
//     has a New function, since Get then returns nil whenever the pool is
//     empty.
//
// A pool is followed by its variable or struct field, whether a package
// variable, a local variable or a field (embedded or not); New is collected
// from the composite literal sync.Pool{New: ...} stored in it and from
// assignments p.New = ... anywhere in the package.
//
// # Example
//
//	type frame struct{ hdr [16]byte; n int }
//	var framePool = sync.Pool{New: func() any { return frame{} }}
//	var sbPool sync.Pool
//
//	f := framePool.Get().(frame)
//	defer framePool.Put(f)                // copies f to the heap on every call
//	sb := sbPool.Get().(*strings.Builder) // panics: Get returns nil
//
// Fixed:
//
//	var framePool = sync.Pool{New: func() any { return new(frame) }}
//	var sbPool = sync.Pool{New: func() any { return new(strings.Builder) }}
//
//	f := framePool.Get().(*frame)
//	defer framePool.Put(f)
//	sb := sbPool.Get().(*strings.Builder)
//
// # Options
//
//	-poolmisuse.slices=false
//	    also report slices (put-non-pointer and new-non-pointer): a []byte
//	    put into a pool boxes its 24-byte header on every Put. Off by
//	    default: pools of slices usually hold large buffers, next to which
//	    that allocation is noise, and the pool still saves the buffer; on
//	    the measured corpus 0 of 9 such findings were worth a change.
//
// # Not reported
//
//   - Slices, unless -poolmisuse.slices is set (see Options).
//   - A Put of the interface value that Get returned (v := p.Get(); ...;
//     p.Put(v)): nothing is converted, so nothing is allocated; and the New
//     of a pool whose every Put is such a value, since it then boxes once
//     per new value, not once per use. Pools that are exported, embedded or
//     whose address is passed on are still judged by New alone, since
//     their other Puts cannot be seen.
//   - Values that do not allocate when converted to an interface: pointers,
//     maps, channels, functions, unsafe.Pointer, values already of an
//     interface type, booleans and single bytes, constants, and structs and
//     arrays that fit in one pointer (a single pointer field is stored
//     directly; the others are too small to matter).
//   - Values whose type is a type parameter: the shape is known only at
//     instantiation.
//   - Type mismatches when New is not visible or not certain: New is a
//     parameter or a function value, New returns an interface-typed value or
//     different types on different paths, the pool variable is a parameter,
//     is assigned from a call, or its address is passed on (the other code
//     may set New).
//   - Get with the comma-ok form, in a type switch, or stored in a variable:
//     the code handles other types or nil.
//   - A Put of another type when some Get is not asserted to New's type: the
//     pool may hold several types on purpose.
//   - nil-get on pools whose New could be set where the analyzer cannot see
//     it: exported package variables and fields, embedded pools (their New
//     is promoted), and pools whose address is passed on.
//   - put-non-pointer findings that were already reviewed for staticcheck's
//     SA6002, which reports the same Put: under "//lint:ignore SA6002
//     reason" (on the line, or alone on the line above the statement),
//     "//lint:file-ignore SA6002 reason" in the file, or
//     "//nolint:staticcheck" (golangci-lint). As in staticcheck, a lint
//     directive without a reason silences nothing. The other rules have no
//     staticcheck equivalent and ignore these comments.
//   - Files whose names end in _test.go: tests and benchmarks are not
//     production code.
package poolmisuse
