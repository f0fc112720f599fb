// Wrong: a goroutine watches ctx and closes a channel of WaitFor's when it is done; when the timeout comes first, WaitFor returns and the watcher waits on, until ctx is done, which may be never.

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d).
func WaitFor(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		return true
	}
	set := make(chan struct{})
	go func() {
		<-ctx.Done() // it will be, some day
		close(set)
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-set:
		return true
	case <-timer.C:
		return false
	}
}
