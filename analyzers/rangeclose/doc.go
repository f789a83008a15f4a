// Package rangeclose defines an Analyzer that reports range loops over
// channels that nothing ever closes.
//
// # Analyzer rangeclose
//
// rangeclose: report range loops over local channels that are never closed
//
// A for range loop over a channel ends only when the channel is closed.
// When a function makes a channel, hands it to its own goroutines and never
// closes it, the loop receives every value and then blocks forever after
// the last one. In a worker goroutine that is a leak: the goroutine, its
// stack and everything it references stay alive for the life of the
// process, one more per request or per batch, until the service runs out of
// memory. When the loop runs in the goroutine that waits for the result (or
// the workers' WaitGroup is waited on), the request hangs, or the program
// stops with "all goroutines are asleep - deadlock!".
//
// The analyzer reports a range loop over a channel variable when:
//   - the variable is local to the function and holds a channel made there
//     with make(chan T) or make(chan T, n), and is assigned nothing else
//     (a loop over a parameter of a function literal called where it
//     stands, as in go func(in <-chan T) { for v := range in ... }(ch),
//     ranges over the argument; a loop over a parameter of an unexported
//     worker function, as in go worker(jobs), is reported when every call
//     of the worker in the package passes such a channel and the worker is
//     never used as a function value);
//   - nothing closes it: no close of the variable anywhere in the function
//     or its function literals (defer close and closes in goroutines
//     count);
//   - it does not escape: every use sends on it, receives from it, ranges
//     over it, takes its len or cap, compares it, or passes it to a
//     parameter of a function of the same package (or a function literal
//     called at once, as in go func(out chan<- T) { ... }(ch)) that itself
//     only uses it in these ways, followed transitively;
//   - some send on it may be the last one: a send (in the function, in a
//     function literal called where it stands, in a function handed to
//     sync.WaitGroup.Go or errgroup.Group.Go, or in a followed function of
//     the package) that is not inside a loop that runs forever. A loop
//     runs forever when it is a for loop without condition, or a range
//     over time.Tick or a time.Ticker's channel, and its body has no way
//     out (see below); a loop that also encloses the make makes a new
//     channel each time and does not count. A producer loop that returns
//     on cancellation or on an error is not forever: when it returns, the
//     consumer blocks;
//   - the loop body has no other way out: no return, break of the loop,
//     break or continue of an outer statement, goto, nor a call that never
//     returns: panic, os.Exit, runtime.Goexit, log.Fatal and log.Panic and
//     their Logger methods, t.Fatal and t.FailNow, the Fatal and Exit
//     functions of zap, logrus, klog and glog, or a function of any
//     package that always ends in one of those (matched by symbol: a Fatal
//     of some other package is not an exit).
//
// The diagnostic covers the loop header (for ... range ch) and points at the
// make in its related information.
//
// # Example
//
//	func process(orders []Order) {
//		jobs := make(chan Order)
//		var wg sync.WaitGroup
//		for range 4 {
//			wg.Add(1)
//			go func() {
//				defer wg.Done()
//				for o := range jobs { // never ends
//					ship(o)
//				}
//			}()
//		}
//		for _, o := range orders {
//			jobs <- o
//		}
//		wg.Wait() // deadlock: the workers wait for more jobs
//	}
//
// Fixed, by closing the channel after the last send:
//
//	for _, o := range orders {
//		jobs <- o
//	}
//	close(jobs)
//	wg.Wait()
//
// When several goroutines send, close the channel once all of them are
// done, for instance in a goroutine that waits on their WaitGroup and then
// calls close. There is no suggested fix: where the last send happens is
// not something the analyzer can decide.
//
// # Not reported
//
//   - A channel closed anywhere in the function, however the close is
//     reached, and a channel passed to a function of this package that may
//     close it, directly or by passing it on.
//   - A channel that escapes the function: returned, assigned to another
//     variable (aliases are not tracked), stored in a field, a global, a
//     map, a slice or a composite literal, sent on another channel, its
//     address taken, converted, or passed to a function of another package
//     (signal.Notify, a library, a constructor), to an interface method or
//     to a function value. Code that the analyzer does not see may close
//     it. A channel passed to signal.Notify in main is the usual daemon
//     loop, fed for the life of the process, and is not reported.
//   - Channel parameters, results, struct fields and package-level
//     variables: whoever made the channel owns its closing.
//   - A channel variable assigned again after it is made (ch = other,
//     ch = nil to disable a select case): the analyzer cannot tell which
//     channel the loop ranges over.
//   - A loop whose body may leave it (see the list above): a loop that
//     stops on a sentinel value or after counting the expected number of
//     results does not need the close.
//   - A channel without a last send, fed for the life of the process: every
//     send is in a loop that runs forever (a poller, a ticker), in a
//     callback handed to other code (a subscription), in a function literal
//     stored in a variable, or there is no send at all (ranging over a
//     channel nothing sends on blocks on purpose, like select {}). The
//     range is then a process-lifetime dispatcher by design, and there is
//     no place to put the close. This is also why a dispatcher in main is
//     not exempted by name: a main whose producers do finish deadlocks or
//     hangs on exit (on SIGTERM, after the input ends) and is reported,
//     while a main fed forever is not.
//   - A channel made in the body of main.main and ranged over in another
//     goroutine (go worker(jobs) in main): that goroutine ends when main
//     returns and the process exits, and should main wait for it, the
//     runtime stops the program with "all goroutines are asleep" on its
//     first run. A range in main's own goroutine, and channels made in
//     function literals inside main (an HTTP handler), are reported.
//   - A range over a parameter of an exported function or of a method, or
//     of a worker function with a caller that passes anything else (a
//     channel it closes, its own parameter, a field) or that is used as a
//     function value: callers the analyzer does not see may close their
//     channels.
//   - Channels passed to a function literal stored in a variable
//     (worker := func(in <-chan T) {...}; go worker(ch)), and sends from
//     such literals: a function value may be called from anywhere.
//
// Test files are checked as production code is: a test that ranges forever
// hangs CI until go test's timeout (ten minutes by default) and tells no
// one why.
package rangeclose
