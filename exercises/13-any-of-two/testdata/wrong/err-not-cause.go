// Wrong: when b ends, the context is cancelled with b.Err(), which is only context.Canceled, instead of b's cause.

package anyof

import "context"

// AnyOf returns a context that is done when a or b is.
func AnyOf(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(a)
	stop := context.AfterFunc(b, func() { cancel(b.Err()) })
	return ctx, func() {
		stop()
		cancel(context.Canceled)
	}
}
