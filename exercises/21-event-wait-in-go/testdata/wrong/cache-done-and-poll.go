// Wrong: WaitFor keeps ctx.Done() but looks at it only between naps of up to a millisecond, so it sees the event late.

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d).
func WaitFor(ctx context.Context, d time.Duration) bool {
	done := ctx.Done()
	deadline := time.Now().Add(d)
	for {
		select {
		case <-done:
			return true
		default:
		}
		left := time.Until(deadline)
		if left <= 0 {
			return false
		}
		time.Sleep(min(left, time.Millisecond))
	}
}
