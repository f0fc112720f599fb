// Wrong: every deadline is blamed on the budget, even when the parent's deadline came first.

package budget

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	err := fetch(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w (%w)", err, ErrTooSlow)
	}
	return err
}
