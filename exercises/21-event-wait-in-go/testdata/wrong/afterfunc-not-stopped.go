// Wrong: a time.AfterFunc says when d has passed, but it is not stopped when ctx wins: at d its callback fires and waits for ever to hand over to a WaitFor that has gone.

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d):
// true the moment it is, false when d has passed.
func WaitFor(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		return true
	}
	timeout := make(chan struct{})
	time.AfterFunc(d, func() { timeout <- struct{}{} })
	select {
	case <-ctx.Done():
		return true
	case <-timeout:
		return false
	}
}
