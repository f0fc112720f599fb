// Wrong: FetchWithin asks ctx, not fetch's answer, whether the budget ran out, so a fetch that succeeds at the very instant the budget ends is reported as too slow.

package budget

import (
	"context"
	"fmt"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeoutCause(ctx, d, ErrTooSlow)
	defer cancel()
	err := fetch(ctx)
	if ctx.Err() != nil { // past the budget: too slow, whatever fetch says
		// fetch stopped because its context ended: say why it ended.
		return fmt.Errorf("%w (%w)", err, context.Cause(ctx))
	}
	return err
}
