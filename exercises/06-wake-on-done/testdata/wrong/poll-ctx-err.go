// Wrong: it polls ctx.Err() every millisecond instead of waiting on ctx.Done(), so a cancel is seen up to a millisecond late.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(min(time.Millisecond, time.Until(deadline)))
	}
	return ctx.Err()
}
