// Package loopcapture defines an Analyzer that reports closures that
// outlive their loop iteration and see a variable that later iterations
// change.
//
// # Analyzer loopcapture
//
// loopcapture: report closures that see a loop's later values
//
// A function literal that runs after its loop iteration has moved on (a
// goroutine, a deferred call, a parallel subtest, a callback stored for
// later) sees its variables as they are when it runs, not as they were
// when it was created. Two mistakes follow, and both ship in production
// code: every worker processes the last order, every registered route
// serves the last handler, every parallel subtest tests the last case,
// and the goroutines race with the loop, which the race detector only
// reports when a test happens to hit it.
//
// The analyzer reports two things.
//
// Loop variables before Go 1.22 (category loopvar-capture). In a file whose
// Go version (from go.mod or a //go:build line, per file) is below 1.22,
// all iterations of a loop share one variable for the range key and value,
// and one for each variable declared in the init statement of a three-clause
// loop. A function literal that refers to such a variable is reported when
// it runs after the iteration moves on:
//   - the function of a go or defer statement;
//   - a function passed to Go or TryGo of golang.org/x/sync/errgroup.Group
//     or to Go of sync.WaitGroup (Go 1.25);
//   - the function of t.Run that calls t.Parallel, for the references after
//     that call (before it, the subtest still runs inside t.Run);
//   - an HTTP handler registered with http.HandleFunc or
//     (*http.ServeMux).HandleFunc, and a time.AfterFunc callback;
//   - a function appended to a slice, or stored in a map or slice element,
//     of a variable declared outside the loop (directly or inside a
//     composite literal);
//   - a function stored in a single variable or field declared outside the
//     loop, when a later iteration changes what it sees: the loop calls
//     the previous closure before storing the next (if prev != nil {
//     prev() }), or the closure survives the loop (stored conditionally,
//     to remember a match, or by a three-clause loop) in a field reached
//     through a pointer, a package variable, or a variable used after the
//     loop;
//   - any of these reached through a variable of the loop body that holds
//     the literal (f := func(){...}; go f()), and go statements and
//     errgroup calls inside a literal called on the spot.
//
// The statement may be anywhere in the loop body, in ifs, switches and
// selects, not only the last one (go vet's loopclosure checks only the last
// statement, and is silent from Go 1.22 on).
//
// Goroutines racing with their loop, at any Go version (category
// loop-race). For a goroutine started in a loop (go func(){...}(), a
// literal passed to errgroup's Go or TryGo or to sync.WaitGroup.Go):
//   - it reads a variable declared outside the loop that the loop body, its
//     post statement or its range clause assigns: each goroutine may see the
//     value of a later iteration, and the read races with the write;
//   - it assigns a variable (or a field of one) declared outside the loop
//     without locking anything: all the goroutines write the same memory
//     (the classic err = work() or results = append(results, r));
//   - it writes an element of a map declared outside the loop (m[k] = v,
//     m[k]++, delete(m, k), clear(m)) without locking anything, whatever
//     the keys: concurrent map writes are not merely a race, the runtime
//     stops the whole process with "fatal error: concurrent map writes",
//     which recover cannot catch. Writes to the elements of a slice
//     (out[i] = v) are separate memory and are not reported;
//   - it calls a function or method that makes such writes itself: go
//     w.process(item), or w.process(item) in the goroutine's literal,
//     where process assigns a field of its receiver w, writes a map field
//     or a map parameter, or assigns a package-level variable, with no
//     lock, and w (or the argument) is a variable declared outside the
//     loop that the loop does not reassign, or a field path of one. Each
//     function's unlocked writes through its receiver, its parameters and
//     its package's variables are summarised, and travel as a fact
//     (WritesFact) to the packages that call it. A method with a value
//     receiver writes its own copy, except through maps. The call's map
//     write is reported if it has one, else its first write, once a call.
//
// Functions and methods are matched by their types, so renamed and dot
// imports, method values on embedded fields and aliases are recognised.
// Test files are checked too: a parallel subtest that tests the last case
// only, or a racy test, hides real bugs.
//
// # Example
//
//	for _, o := range orders { // go 1.21 module
//		go func() {
//			ship(o) // every goroutine may ship the last order
//		}()
//	}
//
//	var cur *Order
//	for _, id := range ids {
//		cur = load(id)
//		go func() { charge(cur) }() // races at any Go version
//	}
//
//	var err error
//	for _, o := range orders {
//		go func() { err = ship(o) }() // all goroutines write err
//	}
//
// Fixed:
//
//	for _, o := range orders {
//		go func(o Order) {
//			ship(o)
//		}(o)
//	}
//
//	for _, id := range ids {
//		cur := load(id)
//		go func() { charge(cur) }()
//	}
//
//	g, ctx := errgroup.WithContext(ctx)
//	for _, o := range orders {
//		o := o
//		g.Go(func() error { return ship(ctx, o) })
//	}
//	err := g.Wait()
//
// # Suggested fixes
//
// Only for loop variables before Go 1.22. For go func(){...}() and defer
// func(){...}() whose literal has no parameters, the fix passes the
// variables as arguments: go func(o Order){...}(o). It is not offered when
// the literal assigns the variable, declares the same name at its top
// level, or when the type cannot be written in the file (an unexported
// type of another package, a package the file does not import). Otherwise
// the fix copies the variables at the top of the loop body (o := o), unless
// the body already declares the name, or, in a three-clause loop, the body
// changes the variable (the copy would stop the loop from advancing).
// Races at every Go version get no fix: which value the goroutine should see
// is the author's decision.
//
// # Not reported
//
//   - Variables passed as arguments (go f(v), go func(v T){...}(v): the
//     arguments are evaluated at the go statement), copied (v := v) or
//     declared inside the loop body; method values (go v.Run()), unless
//     the method writes through its receiver (see above).
//   - Closures called in the iteration: func(){...}(), t.Run without
//     t.Parallel, sort.Slice and any other function the closure is passed
//     to other than those listed above (whether it keeps the closure is
//     unknown); a defer inside a literal called in the iteration.
//   - Loop variables in files at Go 1.22 or later, where each iteration
//     has its own.
//   - A closure stored into a single variable or field on every iteration
//     of a range loop, unconditionally, and not called back by the loop:
//     the closure that survives is the last one, and it sees the last
//     values, as with per-iteration variables; likewise a closure stored
//     in a local variable or struct that is not used after the loop (a
//     callback of a test server's configuration, used in the iteration).
//   - A closure sent on a channel: its receiver often runs it within the
//     iteration (a handshake with a test server), which we cannot see.
//   - A goroutine or closure after which the iteration surely leaves the
//     loop (return, break, panic, os.Exit, log.Fatal, t.Fatal): only one is
//     ever started.
//   - A goroutine that the iteration waits for before going on: a later
//     statement of the iteration (not inside an if) calls Wait on the
//     sync.WaitGroup or errgroup.Group it uses or was started with,
//     receives from a channel it uses (also as the init of an if, in a
//     select without default, or ranging over it). The group or channel
//     may be an element of a slice, array or map the goroutine uses
//     (wgs[i].Wait()); a loop whose own body waits counts as a wait (it is
//     taken to run at least once, as for i := range wgs { wgs[i].Wait() });
//     and goroutines started in an inner loop are waited for by a wait
//     after that loop, unless the inner loop may continue the outer one.
//   - Outer variables that the loop never assigns; variables assigned only
//     inside another function literal (another goroutine or a callback);
//     variables of sync, sync/atomic and errgroup types, and &v passed to
//     sync/atomic functions; writes through an index (results[i] = r:
//     each goroutine its own slot, though a shared map is not caught).
//   - Goroutines whose literal locks anything (a call of Lock, RLock,
//     TryLock): their accesses may be serialised, and proving which lock
//     guards which variable is beyond this analyzer. Likewise a called
//     function has no writes to report when it locks anything, or waits
//     for anything (a receive, a select, a sync/atomic operation, a Wait,
//     sync.Once.Do): its writes may be ordered. Only the writes the
//     function makes itself count, not those of the functions it calls;
//     interface methods and function values are not followed.
//   - Accesses inside a function literal nested in the goroutine that is
//     not called on the spot (a sync.Once.Do callback, a handler): they run
//     at other times, possibly serialised.
//   - In test files, a goroutine started inside a subtest that runs in the
//     iteration (t.Run or b.Run without t.Parallel): it serves that
//     subtest (a fake server on a pipe), and the test talks to it before
//     t.Run returns, an order no join shows. On amqp091-go's tests both
//     such findings were false alarms. In a parallel subtest it is
//     reported.
//   - A goroutine joined by the literal that starts it, when that literal
//     runs in the iteration: it waits later in its body, or defers the
//     wait (defer, t.Cleanup) to its return (a subtest's server goroutine,
//     a benchmark helper, goroutines of a synchronous t.Run waited for
//     before it returns), with the waits described above.
//   - A handler registered on a ServeMux created in the same iteration: it
//     serves that iteration's requests.
//   - A reference inside a callback that the goroutine hands to another
//     function (srv.Serve(func(...){...})): when it runs is that
//     function's business, often tied to the iteration by a protocol.
//   - Races on an access that follows, in the goroutine, a receive, a
//     select, a range over a channel, a sync/atomic operation or a Wait
//     (or lies in a loop of the goroutine that contains one): these may
//     order it with the loop or the other goroutines (a token ring, a
//     release/acquire flag, a handshake). Worker pools that range over a
//     jobs channel are therefore not reported.
//   - Goroutines started inside a literal that is itself started inside
//     the loop, for the races; closures kept in a variable of the loop
//     body and used by another closure; g.Go reached through a method
//     value held in a variable (run := g.Go; run(f)), since only calls of
//     the method itself are matched.
package loopcapture
