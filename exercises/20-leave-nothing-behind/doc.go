// Package first is the exercise of lesson 20, "Finding leaks with today's
// Go".
//
// First asks every replica at once and returns the first answer, as that
// replica gave it. As written, it leaks: each replica that answers later
// hands its answer to a channel that nobody reads any more, and waits
// there forever. Its tests find those goroutines the way goleak does, in
// the stacks of every goroutine. Make First:
//
//   - Return the first answer the moment it comes, as its replica gave
//     it (an error is an answer too); or, if the caller's ctx is done
//     first, return at that moment with ctx's error. Two answers at the
//     same instant: either is the first. No replica at all: no answer
//     will come, so return an error at once.
//   - Cancel the context of the replicas still working when it returns:
//     nobody wants their answers.
//   - Leave nothing behind: once the slowest replica has returned, every
//     goroutine First started has returned too, even for a replica that
//     ignores its context.
package first
