// Package failfast is the exercise of lesson 14, "errgroup: fail fast".
//
// FirstError runs tasks at once and returns the first error. As written it
// lets every task run to its end even after one has failed. Make it give
// the tasks a child of ctx that is cancelled the moment the first task
// fails, with that failure as its cause (what context.Cause reports). It
// returns that first error, not what the cancelled tasks return after it,
// and only once every task has returned: a task may take a while to stop,
// or ignore its context. When FirstError returns, the tasks' context is
// cancelled even if every task succeeded, as errgroup.WithContext's is
// after Wait. Only one error is the first, even when two tasks fail at
// the same instant: the one FirstError returns is the cause the others
// saw. With no tasks at all, it returns nil at once.
package failfast
