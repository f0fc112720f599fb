// Wrong: the cause is added only when fetch's error already holds its context's error, so a fetch that ignores its context and fails with an error of its own after the budget has run out loses ErrTooSlow.

package budget

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeoutCause(ctx, d, ErrTooSlow)
	defer cancel()
	err := fetch(ctx)
	if err != nil && errors.Is(err, ctx.Err()) && ctx.Err() != nil {
		// fetch stopped because its context ended: say why it ended.
		return fmt.Errorf("%w (%w)", err, context.Cause(ctx))
	}
	return err
}
