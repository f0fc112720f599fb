// Wrong: a budget of 0 or less is taken to mean "no budget", so fetch gets all the time in the world instead of none.

package budget

import (
	"context"
	"fmt"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	if d <= 0 {
		return fetch(ctx) // no budget: no limit of its own
	}
	ctx, cancel := context.WithTimeoutCause(ctx, d, ErrTooSlow)
	defer cancel()
	err := fetch(ctx)
	if err != nil && ctx.Err() != nil {
		// fetch stopped because its context ended: say why it ended.
		return fmt.Errorf("%w (%w)", err, context.Cause(ctx))
	}
	return err
}
