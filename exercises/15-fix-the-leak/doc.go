// Package leak is the exercise of lesson 15, "Pitfalls".
//
// Worker doubles the numbers it receives, until jobs is closed. But when
// its context is cancelled and nobody closes jobs, it waits forever: a
// leaked goroutine. Make it also return when ctx is done, even while it
// waits for a job or to hand over a result.
package leak
