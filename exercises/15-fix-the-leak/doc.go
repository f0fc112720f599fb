// Package leak is the exercise of lesson 15, "Pitfalls".
//
// Worker doubles the numbers it receives and hands each result over,
// waiting for a reader however late it comes, until jobs is closed. But
// when its context is cancelled and nobody closes jobs, it waits forever:
// a leaked goroutine. Make it also return the moment ctx is done, wherever
// it waits: for a job, or to hand over a result that nobody reads.
//
// Leave the channels to their owner: Worker only receives from jobs and
// sends on results, and several Workers may share them, so Worker closes
// neither. And leave nothing behind: when jobs is closed, Worker returns
// once it has handed over its last result, itself, so that when every
// Worker has returned, the owner may close results.
package leak
