// Wrong: it wakes on ctx.Done() but returns nil, so the caller cannot tell a cancelled wait from a finished one.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return nil
	case <-time.After(d):
		return nil
	}
}
