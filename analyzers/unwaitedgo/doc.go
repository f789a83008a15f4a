// Package unwaitedgo defines an Analyzer that reports goroutines started by
// main or by a test that can still be running when it returns.
//
// # Analyzer unwaitedgo
//
// unwaitedgo: report goroutines that main or a test does not wait for
//
// When main returns, the process exits at once: goroutines still running
// are killed wherever they are, without deferred calls. A worker pool that
// main fed through a channel drops the jobs still queued or in progress; a
// goroutine that writes a file, sends a message or commits a batch leaves
// it half done. Nothing is logged, and the program usually "works" on a
// developer's machine, where the goroutines happen to finish first. In a
// test, a goroutine that calls t.Log, t.Error or t.Fatal after the test
// has returned panics ("Log in goroutine after TestX has completed"), and
// a failure it reports late is lost: the test passes or crashes at random.
//
// The analyzer looks at func main of package main, at the functions of
// package main that main calls directly (not in a function literal) and can
// end without waiting after (func main() { if err := run(); err != nil {
// log.Fatal(err) } }: when run returns, so does main), at the functions
// those call in the same way, down to three calls below main (main calls
// run, which calls setup, which calls startWorkers, and each returns
// without waiting), and, under
// -unwaitedgo.tests, at every func TestXxx(t *testing.T) in _test.go
// files. For each go statement of
// their own body (not of a function literal or another function) it
// follows the control-flow graph (in which log.Fatal, os.Exit, t.Fatal and
// functions that always end in them do not return) and reports the statement
// when a normal return, the end of the function or os.Exit(0) can be
// reached from it without passing anything that waits. Waiting is:
//   - a channel receive, in any expression, including <-ctx.Done() and a
//     signal channel fed by signal.Notify; a range loop over a channel; a
//     select without default that has a receive case; an empty select {};
//     a loop whose body waits (the loop is taken to run at least once);
//   - in main only, a select with default that has a receive case: main
//     checks whether the goroutine is done and decides not to wait, which
//     is a choice, not an oversight (in a test the goroutine may still use
//     t after the test returned, so there it is not a wait);
//   - a call of a method named Wait on any type (sync.WaitGroup,
//     sync.Cond, errgroup.Group, exec.Cmd...), of a method named Serve,
//     ServeTLS, ListenAndServe, ListenAndServeTLS, Run, RunTLS, RunContext
//     or Execute (and ExecuteC, ExecuteContext, ExecuteContextC) on any
//     type, or of a function named Serve, ServeTLS, ListenAndServe or
//     ListenAndServeTLS in any package;
//   - a call of a function that may do one of these, in this package or in
//     another one: an analysis fact (mayBlock) marks such functions,
//     computed through the calls of each package;
//   - in a test, polling a flag that a goroutine of the test sets through
//     sync/atomic (done.Store(true), atomic.StoreInt32(&s.done, 1),
//     n.Add(1)): a for loop whose condition or body reads it atomically
//     (for !done.Load() { runtime.Gosched() }), or a call handed a
//     function literal that reads it, as require.Eventually(t, func() bool
//     { return done.Load() }, ...) is; a single read outside such a loop
//     or callback is not a wait;
//   - a deferred call that waits, or in a test a t.Cleanup function that
//     waits: they run on every return, so no go statement of such a
//     function is reported.
//
// A wait counts wherever it lies on the path, inside a loop included, and
// whatever it waits for: the analyzer does not try to prove that it waits
// for this goroutine.
//
// Not every goroutine that outlives main is a bug: a metrics server, a
// signal handler or a ticker loop is meant to be stopped by the exit. So in
// main the analyzer reports only goroutines whose loss drops work:
//   - a goroutine that main hands work to through a channel: main sends on
//     a local channel variable that the goroutine's function literal uses
//     or that is passed to it (not a channel of struct{} or bool, which
//     carries signals such as "stop", not work);
//   - a goroutine doing a finite job: its function literal, or the
//     function or method of this package that it calls, has no for loop
//     without condition, no range over a channel or a function, no receive
//     or select, no go statement, no call of time.Sleep, time.Tick,
//     time.NewTicker, time.NewTimer, time.After, time.AfterFunc or
//     signal.Notify, no call of a function value, and calls nothing that
//     waits or (in this package) is not finite itself.
//
// In a test, the analyzer reports goroutines that use the test's t: the
// function literal mentions it, or it is passed to the function started.
// Whatever the goroutine does, t.Log, t.Error or t.Fatal after the test
// returned is the bug; work lost by a test is not.
//
// The diagnostic is at the go keyword; related information points at the
// return reached without waiting.
//
// # Example
//
//	func main() {
//		jobs := make(chan Order, 100)
//		for i := 0; i < 4; i++ {
//			go func() {
//				for o := range jobs {
//					ship(o)
//				}
//			}()
//		}
//		for _, o := range load() {
//			jobs <- o
//		}
//		close(jobs)
//	} // main returns: the queued and in-flight orders are never shipped
//
// Fixed:
//
//	func main() {
//		jobs := make(chan Order, 100)
//		var wg sync.WaitGroup
//		for i := 0; i < 4; i++ {
//			wg.Go(func() {
//				for o := range jobs {
//					ship(o)
//				}
//			})
//		}
//		for _, o := range load() {
//			jobs <- o
//		}
//		close(jobs)
//		wg.Wait()
//	}
//
// In a test, under -unwaitedgo.tests:
//
//	func TestPublish(t *testing.T) {
//		go func() {
//			if err := publish(msg); err != nil {
//				t.Error(err) // may run after TestPublish returned: panic
//			}
//		}()
//	}
//
// Fixed by waiting for the goroutine (or by not starting one):
//
//	func TestPublish(t *testing.T) {
//		done := make(chan struct{})
//		go func() {
//			defer close(done)
//			if err := publish(msg); err != nil {
//				t.Error(err)
//			}
//		}()
//		<-done
//	}
//
// There is no suggested fix: where to wait and for what is a design
// decision.
//
// # Options
//
//	-unwaitedgo.tests=false
//	    also check the tests: goroutines of TestXxx functions that use t
//	    and that the test can return without waiting for. Off by default:
//	    such goroutines mostly touch t only in a failure branch
//	    (if err != nil { t.Error(err) }) that a passing test never takes;
//	    on the measured corpus 0 of 4 such findings were worth a change.
//
// # Not reported
//
//   - Tests, unless -unwaitedgo.tests is set (see Options): by default
//     only func main is checked.
//   - time.Sleep is not a wait: it guesses how long the goroutines take,
//     and the guess fails under load. A main or a test that sleeps and
//     then returns is reported (the message says so).
//   - Paths that end in log.Fatal, panic, t.Fatal, os.Exit with a code
//     other than a constant 0, or a function that never returns, and a
//     return in the body of an if whose condition tests an error against
//     nil (if err != nil { ...; return }): the program or test fails
//     anyway, and the lost goroutine is not the problem.
//   - Goroutines that serve (they call a Serve, ListenAndServe, Run or
//     Execute method or a Serve function), and in main goroutines that
//     loop forever, wait, sleep, tick or handle signals: background
//     services that the exit is meant to stop. This includes a worker
//     that ranges over a channel main never sends on.
//   - In main, goroutines that start a function of another package
//     (go http.ListenAndServe(...), go lib.Run()) or a function value:
//     the analyzer does not see whether their job is finite.
//   - In tests, goroutines that do not use t: their work is lost, but the
//     test does not misbehave. A goroutine with a nested function literal
//     that uses t counts as using it.
//   - In tests, goroutines that play the peer of a connection: they use a
//     value with SetDeadline (net.Conn, net.PacketConn, tls.Conn) or Accept
//     (net.Listener), calling its methods or handing it to a function (go
//     serveOne(t, srvConn)), in the go statement, its function literal or
//     the function of this package that it starts. The test paces them through its
//     own network calls (a client request, a read on the other end of a
//     net.Pipe), which go through interfaces the analyzer does not follow.
//   - Calls through interfaces and function values are not followed when
//     deciding whether a function waits (only the method names above
//     count): an HTTP request made with http.Client.Do, say, is not a wait.
//     In main this is right (an answer from the network does not tell that
//     a goroutine finished); in a test it is why the previous rule exists.
//   - Channel sends are not waits: a send to a buffered channel returns at
//     once, and one to an unbuffered channel only hands the value over,
//     without waiting until the work is done.
//   - Go statements in function literals and in functions other than main,
//     its helpers as above and the tests (a helper reached through a
//     function literal, a method, or more than three calls below main is
//     not followed), and goroutines started by helpers such as errgroup.Go
//     or sync.WaitGroup.Go: the spawning code, not the goroutine, decides
//     when to wait, and a helper's caller may wait in ways not followed.
//   - Generated files, code under //nolint:unwaitedgo, and packages that
//     do not type-check (what waits and what never returns is decided on
//     type information).
//   - A locked mutex, a non-default select with only send cases and other
//     synchronisation that waits only in some states are not waits; but
//     any receive or Wait is, even on an unrelated channel, so a main that
//     waits for something else after the go statement is not reported.
package unwaitedgo
