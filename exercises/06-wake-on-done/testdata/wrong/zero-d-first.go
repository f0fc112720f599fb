// Wrong: a d of 0 or less returns nil before ctx is looked at, so a ctx that was done before the call is reported as a wait that ran its course.
package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done, whichever comes first.
func Wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil // no time to wait at all
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
