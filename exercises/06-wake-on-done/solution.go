//go:build solution

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done, whichever comes first.
func Wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err // done already: it wins, even over a d of 0
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
