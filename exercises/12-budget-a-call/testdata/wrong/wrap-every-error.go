// Wrong: every error of fetch is wrapped with the context's cause, even one fetch returned on its own while its context was live, which gives a message with "%!w(<nil>)" in it.

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
	if err := fetch(ctx); err != nil {
		return fmt.Errorf("%w (%w)", err, context.Cause(ctx))
	}
	return nil
}
