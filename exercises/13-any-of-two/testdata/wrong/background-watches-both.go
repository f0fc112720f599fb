// Wrong: AnyOf's context is made from context.Background and watches both a and b with context.AfterFunc, so either's end reaches it with its cause, but a's values and deadline are lost.

package anyof

import "context"

// AnyOf returns a context that is done when a or b is, with its cause.
func AnyOf(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(context.Background())
	stopA := context.AfterFunc(a, func() { cancel(context.Cause(a)) })
	stopB := context.AfterFunc(b, func() { cancel(context.Cause(b)) })
	return ctx, func() {
		stopA()
		stopB()
		cancel(context.Canceled)
	}
}
