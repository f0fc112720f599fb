// Wrong: cancel is called only when fetch fails, so after a fetch that succeeds its context stays live until the budget runs out.

package budget

import (
	"context"
	"fmt"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeoutCause(ctx, d, ErrTooSlow)
	if err := fetch(ctx); err != nil {
		cancel()
		return fmt.Errorf("%w (%w)", err, context.Cause(ctx))
	}
	return nil
}
