// Wrong: a time.AfterFunc tells Wait when d has passed, but when ctx wins it is not stopped: at d its callback fires and waits for ever to hand over to a Wait that has gone.

package wake

import (
	"context"
	"time"
)

// Wait waits for d, or until ctx is done, whichever comes first.
func Wait(ctx context.Context, d time.Duration) error {
	elapsed := make(chan struct{})
	time.AfterFunc(d, func() { elapsed <- struct{}{} })
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-elapsed:
		return nil
	}
}
