package ctxversion

import "context"

// AnyOf returns a context that is cancelled as soon as first or any of
// others is done, with that context's cause, or when the returned cancel
// function is called. Its deadline and values are first's.
//
// It is the recipe for work that must stop when any of several unrelated
// things ends: the user's session or the server's lifetime, say. The cancel
// function must be called when the work is done: it also unregisters the
// watches on others (context.AfterFunc), which would otherwise live as long
// as those contexts.
//
// first is AnyOf's parent, so its end reaches ctx at once. The others are
// watched with context.AfterFunc, whose function runs in a goroutine of its
// own, a moment later: if first ends in that moment, first's cause wins.
func AnyOf(first context.Context, others ...context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(first)
	stops := make([]func() bool, 0, len(others))
	for _, other := range others {
		stops = append(stops, context.AfterFunc(other, func() {
			cancel(context.Cause(other))
		}))
	}
	return ctx, func() {
		for _, stop := range stops {
			stop()
		}
		cancel(context.Canceled)
	}
}
