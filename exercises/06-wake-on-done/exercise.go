//go:build !solution

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	time.Sleep(d) // TODO: a cancel cannot interrupt this
	return ctx.Err()
}
