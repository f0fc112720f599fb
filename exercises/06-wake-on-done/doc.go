// Package wake is the exercise of lesson 6, "Waking sleepers".
//
// Wait sleeps for d and only then looks at its context, so a cancel during
// the sleep is noticed late. Make it wake up the moment ctx is done:
//
//   - If ctx is done before d has passed (cancelled, or its deadline
//     reached, or already done when Wait is called), Wait returns ctx.Err()
//     at that very instant: context.Canceled or context.DeadlineExceeded,
//     never the cause given to a WithCancelCause context.
//   - Otherwise it returns nil when d has passed, exactly then.
//   - It is woken by ctx.Done(). A loop that sleeps a little and then looks
//     at ctx.Err() (or peeks at ctx.Done()) sees the cancel only at its next
//     look: the tests, on the virtual clock of testing/synctest, cancel at
//     odd instants such as 5.0005ms and want Wait back at that instant.
//   - It leaves no goroutine behind: anything Wait starts has finished when
//     it returns.
//
// A timer needs no such care. Since Go 1.23 a timer that nothing refers to
// any more is garbage-collected even if it was never stopped, so
// time.After(d) in a select is fine. Stopping a time.NewTimer once the wait
// is over is still good practice: it releases the timer at once, and says
// to the reader that the wait is over.
package wake
