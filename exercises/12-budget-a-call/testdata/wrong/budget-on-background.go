// Wrong: the budget is a child of context.Background instead of ctx, so a parent that ends first does not stop the fetch.

package budget

import (
	"context"
	"fmt"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	budget, cancel := context.WithTimeoutCause(context.Background(), d, ErrTooSlow)
	defer cancel()
	err := fetch(budget)
	if err != nil && budget.Err() != nil {
		return fmt.Errorf("%w (%w)", err, context.Cause(budget))
	}
	return err
}
