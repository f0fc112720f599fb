// Wrong: the returned cancel function stops watching b but does not cancel the context.

package anyof

import "context"

// AnyOf returns a context that is done when a or b is.
func AnyOf(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(a)
	stop := context.AfterFunc(b, func() { cancel(context.Cause(b)) })
	return ctx, func() { stop() }
}
