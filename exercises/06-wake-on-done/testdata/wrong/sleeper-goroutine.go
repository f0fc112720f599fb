// Wrong: it sleeps in a goroutine of its own and selects on that goroutine's channel, so a cancelled Wait returns but leaves the goroutine asleep until d has passed.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done.
func Wait(ctx context.Context, d time.Duration) error {
	slept := make(chan struct{}, 1)
	go func() {
		time.Sleep(d)
		slept <- struct{}{}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-slept:
		return nil
	}
}
