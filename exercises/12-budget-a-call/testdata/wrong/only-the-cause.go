// Wrong: FetchWithin returns the context's cause instead of fetch's error, so DeadlineExceeded is lost, and so is an error fetch returned on its own.

package budget

import (
	"context"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeoutCause(ctx, d, ErrTooSlow)
	defer cancel()
	if err := fetch(ctx); err != nil {
		return context.Cause(ctx)
	}
	return nil
}
