//go:build solution

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d):
// true the moment it is, false when d has passed.
func WaitFor(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		// Already done. With d <= 0, the timer below would be ready too,
		// and select picks at random among ready cases.
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return true
	case <-timer.C:
		return false
	}
}
