// Wrong: it waits with a time.Ticker of period d instead of a timer, and time.NewTicker panics when d is 0 or less.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done, whichever comes first.
func Wait(ctx context.Context, d time.Duration) error {
	ticker := time.NewTicker(d)
	defer ticker.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-ticker.C:
		return nil
	}
}
