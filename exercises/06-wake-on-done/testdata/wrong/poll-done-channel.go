// Wrong: it looks at ctx.Done() with a select and a default case, then sleeps a millisecond and looks again: a poll, not a wake-up.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	done := ctx.Done()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			return ctx.Err()
		default:
		}
		time.Sleep(min(time.Millisecond, time.Until(deadline)))
	}
	return nil
}
