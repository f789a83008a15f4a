// Package atomicmix defines an Analyzer that reports plain reads and writes
// of variables that are elsewhere accessed with sync/atomic functions.
//
// # Analyzer atomicmix
//
// atomicmix: report plain accesses to variables also used with sync/atomic
//
// Passing &s.n to atomic.AddInt64 makes that one operation atomic; it does
// nothing for the plain s.n, s.n = 0 or s.n++ in another function. When the
// two run at once it is a data race: on 32-bit platforms a 64-bit read can be
// torn in half, the compiler may keep a plainly read value in a register and
// never see the update, and a plain increment loses the atomic updates made
// in between. The race detector only notices when both accesses happen to
// run at the same time in a test, so the bug usually ships.
//
// The analyzer finds every variable whose address is passed to a function
// of sync/atomic (Add, And, Or, Load, Store, Swap and CompareAndSwap, for
// all their types, including through unsafe.Pointer conversions) and
// reports each plain access to it in the package: a package-level variable,
// or a struct field. A field is identified by its declaration, so an atomic
// use through one value of the type marks the field of every value, with
// one refinement: the access path of the atomic use (the fields selected
// from its root, each with the type that declares it, and what a local root
// was initialised with) must be a suffix of the access path of the plain
// one. After atomic.AddUint32(&p.stats.Hits, 1), q.stats.Hits is reported,
// but not s.Hits where s is a *Stats snapshot returned by a function; after
// atomic.AddUint32(&ab.n, 1) with ab := c.active.Load(), c.inactive.n is
// not reported. A type embedded in (or used as a field of) two containers
// is two variables: after atomic.AddInt64(&a.n, 1) through container A's
// embedded Inner, b.n through container B's Inner is not reported, while an
// atomic use inside Inner's own methods (path Inner.n) marks every
// container. An exported
// variable, or an exported field of a type other packages can name, carries
// a fact with these paths, and plain accesses from importing packages are
// reported as well.
//
// A local variable is reported only when the plain access is inside a
// goroutine (go func(){...}(), sync.WaitGroup.Go, errgroup.Group.Go) and an
// atomic access can run at the same time: after the goroutine starts, in
// another goroutine, or in the same goroutine started by a loop.
//
// # Example
//
//	type Stats struct{ requests int64 }
//
//	func (s *Stats) Inc()          { atomic.AddInt64(&s.requests, 1) }
//	func (s *Stats) Report() int64 { return s.requests } // plain read: data race
//
// Fixed:
//
//	type Stats struct{ requests atomic.Int64 }
//
//	func (s *Stats) Inc()          { s.requests.Add(1) }
//	func (s *Stats) Report() int64 { return s.requests.Load() }
//
// The typed atomics (atomic.Int32, atomic.Int64, atomic.Uint32,
// atomic.Uint64, atomic.Uintptr, atomic.Bool, atomic.Pointer[T]) cannot be
// read or written plainly at all, and atomic.Int64 is 64-bit aligned even on
// 32-bit platforms. There is no automatic fix: every access must change
// together.
//
// # Options
//
// atomicmix is opt-in: it runs only when enabled by name (prodvet -enable
// default,atomicmix; settings.enable in golangci-lint; -atomicmix under go
// vet). On the 28 bench modules that no rule had been tuned to, 2 of its 24
// findings were a true bug or a real risk (18 of the misses were one field
// of a type documented as not thread-safe, and each batch after that brought
// a new shape: an Init method, an accessor that counted as an escape, a
// sync.Once initialiser, a counter read after registration in the same
// goroutine). Those shapes are now left alone, and on the 57 tuned modules 10
// of its 12 findings are real (83%), below the bar of the default set. The
// order that makes a plain access safe (set-up before serving, one
// goroutine's ownership) is usually a property of the program's phases,
// which the analyzer cannot see.
//
// # Not reported
//
//   - Fields of struct types whose doc comment excludes concurrent use
//     ("It is NOT thread-safe", "not safe for concurrent use", "must not
//     be used concurrently"): atomic operations on them protect nothing
//     the type's contract allows.
//   - Accesses to the receiver's fields in a method named Init: by
//     convention it prepares the value before the value is shared.
//   - Plain reads of a variable whose atomic uses are all Loads (in its
//     package, or, for a variable of another package, by its fact): a data
//     race needs a write, and a read races with no Load. Its plain writes
//     are still reported (a buffer whose owner advances b.offset plainly
//     while others call atomic.LoadUint64(&b.offset)).
//   - Accesses before the value can be shared: keys of composite literals
//     (&T{n: 1}), and field accesses through a local pointer that the same
//     function allocated (t := &T{}; t.n = 5; return t) before t is passed
//     on, returned, stored, used in a method call or captured by a closure
//     (a method of the package that only reaches into its receiver's
//     fields, atomically or not, or calls such methods on it, is not a
//     use that shares t, unless it is started with go),
//     and not in a loop that repeats the access after that. A local set
//     from a call of a function of the same package (t := newT(), t, err :=
//     newT()) is such an allocation when every return of newT gives nil,
//     &T{...}, new(T) or a local allocated that way that nothing let escape
//     before the return. Constructors of other packages are not followed.
//     Copying the pointed-to value (*t = *orig, x := *t) does not let t
//     escape.
//   - Accesses through the receiver or a parameter of an unexported
//     function (an in-place initialiser such as func (q *quota) init()),
//     before it lets the pointer escape, when every call in the package
//     passes memory of a local that the calling function allocated and has
//     not yet visibly handed to another goroutine (a go statement, the
//     function literal of a goroutine, a channel send). Unexported functions that production code never calls
//     (helpers for tests) are not reported either. Methods whose name
//     belongs to an interface are always checked.
//   - Accesses that follow a call of sync.WaitGroup.Wait or
//     errgroup.Group.Wait in an enclosing block of the same function: the
//     goroutines have finished.
//   - Fields of struct values stored in a map (m[k].n): no atomic call can
//     address a map slot.
//   - Plain reads made while holding a mutex (Lock or RLock earlier in the
//     same function) that every atomic write in the package also holds
//     (Lock): the writers are serialised by it, the usual design in which
//     lock-free readers load atomically and code under the lock reads
//     plainly. Plain writes are still reported: they race with the
//     lock-free loads.
//   - Field accesses on a local struct value (a variable, a value receiver or
//     a parameter, without pointer indirection, such as cp.n after cp := *s
//     or x.n after x := s.inner): that memory is a copy owned by the
//     function.
//   - Code in init functions, which run before the package's goroutines,
//     and in the function of (*sync.Once).Do, sync.OnceFunc, OnceValue and
//     OnceValues: it runs once, and every call of the Once returns after
//     it has, so the lazy initialisation is ordered before what follows
//     (uuidSetup.Do(func() { counter = seed }); atomic.AddUint64(&counter, 1)).
//   - Taking the address (&s.n), to pass it to another atomic call or to a
//     helper; unsafe.Offsetof, unsafe.Sizeof and unsafe.Alignof.
//   - Fields of the typed atomics (atomic.Int64 and the others): they have
//     no plain form.
//   - Files whose names end in _test.go, both as plain accesses and as
//     atomic uses: tests read counters after wg.Wait() or set flags before
//     starting the code under test, happens-before edges that the analyzer
//     cannot see, and a race in a test is not a production bug. Measured
//     on the bench corpus: all 53 findings in test files were white-box
//     checks of a counter's state with nothing running concurrently, or
//     set-up before the code under test starts.
//   - Local variables accessed plainly outside goroutines, as in the common
//     n := 0; ...go func() { atomic.AddInt64(&n, 1) }()...; wg.Wait();
//     return n, which is synchronized by Wait.
//   - Copies of a whole struct that contains the field (*s = T{}, return *s):
//     only explicit accesses to the field are reported.
//   - Atomic calls whose argument is not written as &v or &x.f (a pointer
//     variable, &a[i]): the accessed variable is unknown.
package atomicmix
