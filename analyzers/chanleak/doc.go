// Package chanleak defines an Analyzer that reports goroutines left blocked
// forever on a send that nobody will receive.
//
// # Analyzer chanleak
//
// chanleak: report goroutines blocked forever on a send nobody receives
//
// The most common goroutine leak in services: a function makes an
// unbuffered channel, starts a goroutine that sends its result on it, and
// then has a way out that does not receive, such as a select case on
// ctx.Done() or time.After, an early error return, or returning after the
// first of several answers. The send then blocks forever. The goroutine,
// its stack and everything it references stay alive for the life of the
// process, one more on every call that takes that way out, until the
// service runs out of memory or goroutines.
//
// The analyzer reports the send (or, for go worker(ch, ...), the go
// statement) when:
//   - the channel is made with make(chan T) (unbuffered; a constant buffer
//     of 1 or more, or one computed at run time, is assumed to hold the
//     pending sends) into a new local variable of the function;
//   - every goroutine that uses it is started by a go statement in that
//     function and sends on it exactly once, outside any loop and any
//     select, and uses it in no other way: a function literal, or a
//     function of any package whose only use of that channel parameter is
//     such a send (exported as a fact, so workers in other packages count);
//   - the function itself only receives from it (or takes its len or
//     cap): every other use (ranging over it, closing it, sending on it,
//     passing it to any other function, storing, returning or capturing it
//     in a deferred or stored function literal) makes it unknown;
//   - the function's control flow has a path from the go statement to a
//     return, or the end of the body, on which it receives fewer values
//     than were sent. A select receives only in the case that is chosen.
//     Paths that end in panic, os.Exit, log.Fatal and other calls that
//     never return are not ways out.
//
// Goroutines started in a loop are taken to be more than one. They are
// counted as received when the function receives inside that same loop,
// or in a loop with the same trip count (for range urls after
// for _, u := range urls, or i < len(urls), or the same n) that finishes;
// leaving that receive loop early by return or break leaves the rest
// blocked, and so does receiving only once ("the first answer wins").
//
// The diagnostic covers the send and points at the return that leaks and
// at the make in its related information.
//
// # Example
//
//	func fetch(ctx context.Context, url string) (*Result, error) {
//		ch := make(chan *Result)
//		go func() {
//			ch <- get(url)
//		}()
//		select {
//		case r := <-ch:
//			return r, nil
//		case <-ctx.Done():
//			return nil, ctx.Err() // the sender blocks forever
//		}
//	}
//
// Fixed, with a buffer that holds the one send:
//
//	ch := make(chan *Result, 1)
//
// # Fix
//
// For one sender whose send is the last thing its goroutine does, the
// suggested fix gives the channel a buffer of 1 (make(chan T) becomes
// make(chan T, 1)): the send completes at once, the goroutine exits, and
// since nothing in it runs after the send, nothing else changes. For
// senders started in a loop there is no fix: the buffer must hold one
// value per sender (make(chan T, len(urls))), or the senders must select
// on ctx.Done() as well, and which is right is the author's call.
//
// # Not reported
//
//   - Buffered channels, with a constant buffer or one computed at run
//     time: a buffer of len(items) is the usual fix already applied, and
//     a constant buffer smaller than the number of senders is not counted.
//   - Senders that select: a send in a select (with ctx.Done(), a done
//     channel or a default case) can give up, so the goroutine exits.
//   - A goroutine that sends more than once, or in a loop, and senders
//     started in more than one loop or by several go statements: the
//     number of values to receive is not counted.
//   - Receives in a loop whose trip count is not matched to the senders'
//     (for { select { ... } }, a countdown of remaining answers): the
//     function may well receive every value.
//   - A channel that escapes, in any of the ways listed above, or that is
//     ranged over or closed: other code may receive from it.
//   - Goroutines started by errgroup.Group.Go or sync.WaitGroup.Go: those
//     are waited for.
//   - The body of main.main: when main returns, the process exits, and a
//     blocked goroutine with it.
//   - Files whose names end in _test.go. On the bench corpus all 8 findings
//     in tests were on a test's failure path (a select that times out and
//     calls t.Error, a helper that gives up on a hung read): the goroutine
//     leaks only from a test that has already failed, and ends with the
//     test binary. Test-support packages are reported.
package chanleak
