// Wrong: one goroutine watches both, but passes on only b's cause: when a ends, the context gets a.Err() instead of a's cause.

package anyof

import "context"

// AnyOf returns a context that is done when a or b is.
func AnyOf(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(context.Background())
	go func() {
		select {
		case <-a.Done():
			cancel(a.Err())
		case <-b.Done():
			cancel(context.Cause(b))
		case <-ctx.Done():
		}
	}()
	return ctx, func() { cancel(context.Canceled) }
}
