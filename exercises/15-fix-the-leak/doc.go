// Package leak is the exercise of lesson 15, "Pitfalls".
//
// Worker doubles the numbers it receives and hands each result over,
// waiting for a reader however late it comes, until jobs is closed. But
// when its context is cancelled and nobody closes jobs, it waits forever:
// a leaked goroutine. Make it also return the moment ctx is done, wherever
// it waits: for a job, or to hand over a result that nobody reads.
package leak
