// Wrong: it checks ctx.Err() before and after a plain sleep, so an already cancelled context returns at once but a cancel during the sleep is seen only when d has passed.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	time.Sleep(d)
	return ctx.Err()
}
