// Package selectspin defines an Analyzer that reports loops that poll a
// select with a default branch without ever waiting.
//
// # Analyzer selectspin
//
// selectspin: report loops whose select default branch spins without blocking
//
// A select with a default branch never waits: when no case is ready it runs
// the default branch at once. Inside a loop whose iterations do nothing else
// that waits, the loop polls its channels as fast as the CPU allows. While
// nothing is ready it keeps a core at 100%, starves other goroutines of that
// core, drains laptop batteries and cloud budgets, and adds latency to the
// work it is waiting for. Calling runtime.Gosched in the default branch only
// yields the core to whoever else wants it: the loop still spins.
//
// The analyzer reports a for loop (with or without a condition) when a
// select with a default branch is one of the statements of its body and an
// iteration that takes the default branch:
//   - cannot block: the default branch, the other statements of the body,
//     the channel and value operands of the cases, the loop condition and
//     the post statement contain no channel operation, no other select or
//     loop, no go or defer statement, no function literal and no call
//     except a short list known to return at once: runtime.Gosched, the
//     functions of sync/atomic and the methods of its types, time.Now,
//     time.Since, time.Until, time.After, the methods of time.Time and
//     time.Duration, the Done method of context.Context, conversions and
//     the builtins other than panic, close, print and println;
//   - does not leave the loop from the default branch: no return, goto,
//     panic, break out of the loop (a bare break there ends the select, not
//     the loop) or continue of an outer loop;
//   - and, when the loop can end by itself (it has a condition or a post
//     statement, or the body has an exit outside the select), changes
//     nothing that outlives the iteration: it assigns only variables
//     declared in the loop body, and calls neither copy, delete or clear
//     nor a sync/atomic function other than a Load. A loop whose only way
//     to end is its condition (no post statement, no exit outside the
//     select) is also reported when what the iteration changes is none of
//     what the condition reads, and the condition reads only variables,
//     fields and atomic Loads: for p.running { select { ...; default:
//     p.misses++ } } spins until a case is ready or another goroutine
//     clears p.running, as a loop without condition would. A condition
//     that calls anything else (it.Next()) may be the progress, and is
//     not reported.
//
// Functions and methods are matched by their types, so renamed and dot
// imports, aliases and generic instantiations are recognised. The
// diagnostic is reported at the default keyword.
//
// # Example
//
//	for {
//		select {
//		case job := <-jobs:
//			handle(job)
//		case <-ctx.Done():
//			return
//		default:
//			runtime.Gosched() // still spins
//		}
//	}
//
// Fixed, by waiting on the channels:
//
//	for {
//		select {
//		case job := <-jobs:
//			handle(job)
//		case <-ctx.Done():
//			return
//		}
//	}
//
// or, when the loop must also do periodic work, by waiting on a ticker:
//
//	tick := time.NewTicker(100 * time.Millisecond)
//	defer tick.Stop()
//	for {
//		select {
//		case job := <-jobs:
//			handle(job)
//		case <-tick.C:
//			flush()
//		}
//	}
//
// # Not reported
//
//   - A default branch that may block or does real work: it sleeps, waits
//     on a channel, locks a mutex, does I/O or calls any function not on
//     the short list above, including functions of the same package and
//     function values. Their code may wait, and the analyzer does not look
//     inside it. An inner loop counts as work too: the outer loop computes
//     between polls rather than waits.
//   - A default branch that may leave the loop: return, a labelled break of
//     the loop, goto, panic, os.Exit, log.Fatal. This is the non-blocking
//     drain, "take what is ready, then stop".
//   - A loop whose other statements may block: a time.Sleep, a channel
//     operation or a call of any other function before or after the
//     select.
//   - A select with default outside a loop (a try-send or try-receive), or
//     nested in an if, switch or inner block of the loop body, where it
//     does not run on every iteration.
//   - Range loops. Over a slice, map, string, array or integer each
//     iteration consumes an element, so the select is a bounded,
//     per-element poll (typically a cancellation check); over a channel the
//     range itself waits; over a function it runs code the analyzer does
//     not see.
//   - A loop that can end by itself and whose default iterations change
//     state: a counter of a bounded retry (for i := 0; i < 3; i++), a
//     cursor moved through a buffer, a mutating atomic operation. The
//     iterations may be making progress towards the end of the loop.
//
// Test files are checked too: a spinning test burns a CI core for its whole
// length and slows every test that runs beside it.
package selectspin
