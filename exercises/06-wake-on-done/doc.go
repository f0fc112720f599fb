// Package wake is the exercise of lesson 6, "Waking sleepers".
//
// Wait sleeps for d and only then looks at its context, so a cancel during
// the sleep is noticed late. Make it wake up the moment ctx is done:
//
//   - If ctx is done before d has passed (cancelled, or its deadline
//     reached, or already done when Wait is called, whatever d, 0
//     included), Wait returns ctx.Err() at that very instant:
//     context.Canceled or context.DeadlineExceeded, never the cause given
//     to a WithCancelCause context.
//   - Otherwise it returns nil when d has passed, exactly then: at once if
//     d is 0 or less.
//   - It notices the cancel the instant it happens, not at its next look:
//     the tests, on the virtual clock of testing/synctest, cancel at odd
//     instants such as 5.0005ms and want Wait back at that instant, so a
//     loop that sleeps a little and then looks at ctx is late.
//   - It leaves no goroutine behind: anything Wait starts has finished when
//     it returns.
package wake
