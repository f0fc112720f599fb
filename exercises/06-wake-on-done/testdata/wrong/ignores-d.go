// Wrong: it waits only for ctx.Done() and forgets d, so a wait that nobody cancels never ends.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	<-ctx.Done()
	return ctx.Err()
}
