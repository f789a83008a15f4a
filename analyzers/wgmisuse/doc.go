// Package wgmisuse defines an Analyzer that reports sync.WaitGroup calls
// that race with Wait or leave it blocked forever.
//
// # Analyzer wgmisuse
//
// wgmisuse: report WaitGroup Add calls that race with Wait and skipped Done calls
//
// A WaitGroup counts goroutines: Add before the go statement, Done when the
// goroutine ends, Wait until the counter is back to zero. Three mistakes
// break the count in production. An Add that runs inside the goroutine (or
// after the go statement) races with Wait: when Wait runs first it sees a
// zero counter and returns while the goroutine still works, so results are
// read half-written, a channel is closed under a sender ("send on closed
// channel"), or a server shuts down with requests in flight; when Done runs
// before the late Add the process panics with "sync: negative WaitGroup
// counter". A Done that is not deferred is skipped by every return before
// it: the counter never reaches zero and Wait blocks forever, which shows
// up as a shutdown that hangs or a request that never answers. The race is
// rare enough to pass tests and common enough under load.
//
// The analyzer matches the methods of sync.WaitGroup by their type, so the
// WaitGroup may be a variable, a field (s.wg), an embedded field (s.Add(1)),
// a pointer parameter, a package variable or a method value (done :=
// wg.Done; defer done()). Two calls concern the same WaitGroup when they
// are reached from the same variable through the same fields, however they
// are spelt (wg, &wg, (*p).wg and p.wg are the same).
//
// Test files are checked too: a Done skipped by t.Errorf(...); return hangs
// CI until go test's timeout, and an Add that races with Wait makes a flaky
// build (on the bench corpus both findings in tests were real: a
// benchmark's producer goroutine that calls Add while Wait runs).
//
// It reports four shapes.
//
// Add inside the goroutine (category add-in-goroutine): a function literal
// started with go calls wg.Add with a count that may be positive, at any
// position in its body (not in a nested function literal), on a WaitGroup
// it shares with the function that starts it (a variable of that function,
// a field of one, or one handed to a parameter of the literal, as in go
// func(wg *sync.WaitGroup) { wg.Add(1); ... }(&wg)), and the function
// that runs the go statement calls wg.Wait after it, in its own body or in
// a function literal it starts with go or defers (a deferred Wait counts
// wherever it is written: it runs when the function returns). The go
// statement returns before the goroutine runs a single line, so that Wait
// runs concurrently with the Add. This is a race only when nothing keeps
// the counter above zero while the Add runs and nothing orders the Add
// before the Wait, so the analyzer also requires that:
//   - the starting function calls wg.Add nowhere outside the goroutines it
//     starts: an outer Add that counts the goroutine makes an Add inside it
//     (for a goroutine it starts itself) safe;
//   - no code between the go statement and the Wait (the whole loop, when
//     the go statement is in a loop that does not contain the Wait) may
//     synchronise with the goroutine: a channel send or receive, a select,
//     a range over a channel, a call handed a channel, a lock, sync.Once.Do
//     or any call of a function or method whose name starts with Wait.
//
// The same holds for go worker(&wg, ...) where worker calls Add on the
// WaitGroup parameter it is handed, and for go s.handle(job) where the
// method calls Add on a WaitGroup of its receiver (s.wg.Add(1), through
// embedded fields too, with a pointer receiver): the finding is then at the
// go statement, and points at the Add and the Wait. Workers of other
// packages are known by a fact (AddsFact) that lists, for each exported
// function and method, the parameters and receiver fields it calls Add on.
//
// Wait in the loop (category wait-in-loop): wg.Wait is the statement right
// after the only go statement of a loop body (none other anywhere in the
// body, outside function literals), the goroutine is counted by wg, and wg
// is declared outside the loop. Each iteration then waits for its own
// goroutine: the goroutines run one at a time, the loop is no faster than a
// plain one, and the author meant wg.Wait after the loop. Not reported:
// batches (the go statement in an inner loop, or several per iteration),
// work between the go statement and the Wait (it runs concurrently with
// the goroutine, as a test of a semaphore does on purpose), and a
// WaitGroup declared in the loop body, a per-iteration handshake by design
// (both seen in the bench corpus's tests).
//
// Add after go (category add-after-go): wg.Add with a constant count is a
// statement that follows, in the same block, a go statement whose goroutine
// calls Done on the same WaitGroup (a function literal that calls wg.Done,
// a function handed wg, &wg or wg.Done, or a method of the package whose
// receiver's WaitGroup it calls Done on), and it is the first Add of that
// WaitGroup in the function.
//
// Done skipped (category done-skipped): a goroutine (a function literal
// started with go, or a function of the package that a go statement
// starts) calls wg.Done without defer, and its control-flow graph has a
// path from the entry to a return that calls neither wg.Done nor anything
// that may call it: a function handed wg, &wg or wg.Done, a function of
// the package that calls Done on some WaitGroup, a goroutine it starts
// that does. The finding is at that return, with the Done as related
// information. A panic that the goroutine recovers (it defers a function
// literal, or a function of the package, that calls recover),
// runtime.Goexit, and the testing methods that call it (t.FailNow, t.Fatal,
// t.Skip and their variants) count as returns; process exits (os.Exit,
// log.Fatal, a function that always ends in one) do not, since Wait never
// runs after them.
//
// # Example
//
//	for _, o := range orders {
//		go func() {
//			wg.Add(1) // races with wg.Wait below
//			defer wg.Done()
//			ship(o)
//		}()
//	}
//	wg.Wait()
//
//	go func() {
//		if err := charge(o); err != nil {
//			return // wg.Done is never called: wg.Wait hangs
//		}
//		notify(o)
//		wg.Done()
//	}()
//
// Fixed:
//
//	for _, o := range orders {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			ship(o)
//		}()
//	}
//	wg.Wait()
//
//	go func() {
//		defer wg.Done()
//		if err := charge(o); err != nil {
//			return
//		}
//		notify(o)
//	}()
//
// Since Go 1.25, wg.Go(func() { ... }) does the Add and the Done itself.
//
// # Suggested fixes
//
// An Add with a constant count moves to the line before the go statement
// when it is a statement of the goroutine's body preceded only by defer
// statements (it runs unconditionally there, so the count is unchanged), or
// when it is the Add after the go statement. A skipped Done that is the
// last statement of the goroutine's body becomes defer wg.Done() at the top
// of the body, when it is the goroutine's only call of Done on that
// WaitGroup, nothing on the way may call Done for it, the body has no other
// defer statement (the order of deferred calls stays as it was) and the
// WaitGroup is reached from a variable declared outside the body. Fixes are
// offered only for the wg.Method(...) spelling and statements alone on
// their lines.
//
// # Not reported
//
//   - Add before go, defer wg.Done(), and a body that ends in wg.Done()
//     with no early exit; worker functions that receive a *sync.WaitGroup
//     and only call Done; wg.Go, which counts by itself.
//   - An Add inside a goroutine when the Wait is in another function (a
//     Close or Stop method, say), or only inside the goroutine, or of a
//     different WaitGroup: whether Wait can run first depends on callers
//     the analyzer does not see (go vet's waitgroup pass reports the
//     narrow shape where Add is the first statement of the goroutine).
//   - An Add inside a goroutine that an outer Add of the same WaitGroup
//     already counts (go func() { wg.Add(1); go sub() }() after wg.Add(1)),
//     and an Add that a channel operation, a lock or another Wait may order
//     before the Wait.
//   - An Add that a worker started with go reaches only through further
//     calls, a function literal it starts, an interface method or a
//     function value: only the worker's own body is summarised. An Add
//     after go with a count that is not a constant, or after
//     an earlier Add of the same WaitGroup in the function (which may
//     count this goroutine while the later Add counts the next).
//   - Add(0), Add(-1) and other counts that cannot be positive.
//   - A Done in a loop (a worker that calls Done once per item): a path
//     that leaves the loop early does not mean a goroutine is lost.
//   - A Done that is deferred, called from a function literal (a callback,
//     a cleanup closure) or from a goroutine that this one starts: the
//     analyzer cannot tell when it runs, or the other goroutine takes the
//     Done over.
//   - A Done that some paths skip by reaching the end of the body rather
//     than a return (if last { wg.Done() }), and a return or a Done inside
//     an if statement whose condition calls sync/atomic: both are how a
//     latch is written, where only the last of several goroutines calls
//     Done.
//   - A goroutine whose conditions mention the WaitGroup (if wg == nil {
//     return }: nothing waits on a nil WaitGroup), or that calls Add (or
//     Go) on it itself: returning before its own Add owes no Done.
//   - Paths that end the process (os.Exit, syscall.Exit, log.Fatal, any
//     method named Fatal, Fatalf, Fatalln or Fatalw, and such functions of
//     a package whose path contains "log") or panic without a deferred
//     recover in the goroutine: the process dies, nothing hangs. Returns inside nested
//     function literals are not the goroutine's returns.
//   - Packages that do not import sync: the analyzer looks only where a
//     WaitGroup is named.
package wgmisuse
