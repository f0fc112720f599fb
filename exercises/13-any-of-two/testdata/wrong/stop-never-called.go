// Wrong: the function that context.AfterFunc returns to stop the watch is never called, so the watch on b outlives cancel.

package anyof

import "context"

// AnyOf returns a context that is done when a or b is.
func AnyOf(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(a)
	context.AfterFunc(b, func() { cancel(context.Cause(b)) })
	return ctx, func() { cancel(context.Canceled) }
}
