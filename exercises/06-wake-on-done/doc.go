// Package wake is the exercise of lesson 6, "Waking sleepers".
//
// Wait sleeps for d and only then looks at its context, so a cancel during
// the sleep is noticed late. Make it wake up the moment ctx is done:
// return ctx.Err() at once, or nil when d has passed. Leave no timer
// running behind you.
package wake
