// Package failfast is the exercise of lesson 14, "errgroup: fail fast".
//
// FirstError runs tasks at once and returns the first error. As written it
// lets every task run to its end even after one has failed. Make the first
// failure cancel the others (with the failure as the cause), and still
// wait for all of them before returning that first error. This is what
// errgroup.WithContext does; write it with a WaitGroup and
// context.WithCancelCause.
package failfast
