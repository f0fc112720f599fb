// Wrong: a goroutine waits for b with nothing else to wake it, so when b never ends it is left behind after cancel.

package anyof

import "context"

// AnyOf returns a context that is done when a or b is.
func AnyOf(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(a)
	go func() {
		<-b.Done()
		cancel(context.Cause(b))
	}()
	return ctx, func() { cancel(context.Canceled) }
}
