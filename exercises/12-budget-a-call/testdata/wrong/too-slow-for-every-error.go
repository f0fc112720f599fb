// Wrong: every error of fetch is reported as ErrTooSlow, even one fetch returned on its own or one caused by the parent.

package budget

import (
	"context"
	"fmt"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := fetch(ctx); err != nil {
		return fmt.Errorf("%w: %w", ErrTooSlow, err)
	}
	return nil
}
