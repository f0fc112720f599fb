// Wrong: a goroutine polls b every millisecond instead of waiting on b.Done(), so AnyOf's context ends up to a millisecond late.

package anyof

import (
	"context"
	"time"
)

// AnyOf returns a context that is done when a or b is.
func AnyOf(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(a)
	go func() {
		for ctx.Err() == nil {
			if b.Err() != nil {
				cancel(context.Cause(b))
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	return ctx, func() { cancel(context.Canceled) }
}
