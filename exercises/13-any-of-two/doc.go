// Package anyof is the exercise of lesson 13, "Trees and fan-out".
//
// AnyOf should return a context that is done the moment either a or b is
// done (at that instant: no polling), with that one's cause
// (context.Cause), and that carries a's values and deadline. (A b that
// has ended already may reach it a moment after AnyOf returns: the
// lesson's AnyOf, which watches b with context.AfterFunc, whose function
// runs in a goroutine of its own, does so. An a that has ended already
// reaches it at once.) As written,
// it listens to a only. The returned cancel
// function cancels the context (context.Canceled) and also stops watching
// b: once it has returned, the end of b no longer reaches the context, and
// nothing is left waiting on a or b.
//
// Exactly: a b whose Done channel is not the context package's (the tests
// use one) is watched from a goroutine of context's own, which cancel
// stops, but which may run a moment after cancel has returned; if b has
// ended meanwhile, it asks b for its Err and cause once as it exits, and
// changes nothing. The tests let it run before they end b, and then check
// that nothing asks b anything.
package anyof
