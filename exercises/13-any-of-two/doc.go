// Package anyof is the exercise of lesson 13, "Trees and fan-out".
//
// AnyOf should return a context that is done the moment either a or b is
// done (at that instant: no polling), with that one's cause
// (context.Cause). As written, it listens to a only. The returned cancel
// function cancels the context (context.Canceled) and also stops watching
// b: once it has returned, nothing is left waiting on a or b, and nothing
// looks at them any more.
package anyof
