// Wrong: the budget is a plain context.WithTimeout, so a fetch that runs out of it says "deadline exceeded" but not ErrTooSlow.

package budget

import (
	"context"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return fetch(ctx)
}
