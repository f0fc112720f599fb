// Package harddeadline is the exercise of lesson 18, "Signals".
//
// A graceful shutdown waits for its work to stop, and work that ignores
// its cancellation never does. The last resort is a hard deadline: if the
// shutdown has not finished d after it began, the program exits anyway.
// Write ExitAfter, which sets that deadline up:
//
//   - It calls exit exactly d after ctx is done (the shutdown began), and
//     at most once, on a goroutine of its own. A d of 0 or less leaves no
//     time at all: exit is called the moment ctx is done.
//   - stop is how the program says that its shutdown has finished: once
//     stop has been called, exit is never called. stop returns true if
//     exit has not been called, false if it has (it may then still be
//     running: stop answers at once, without waiting for exit to return).
//     stop may be called more than once, and from several goroutines.
//   - Once stop has returned, or exit has returned, nothing of ExitAfter
//     is left running: no goroutine waits for ctx, nor sleeps.
//
// The tests give ExitAfter a fake exit and run on the virtual clock
// (testing/synctest), so every instant they check is exact.
package harddeadline
