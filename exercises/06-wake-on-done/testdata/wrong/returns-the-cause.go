// Wrong: it returns context.Cause(ctx) instead of ctx.Err(), so a context cancelled with a cause gives back the cause and errors.Is(err, context.Canceled) fails.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-timer.C:
		return nil
	}
}
