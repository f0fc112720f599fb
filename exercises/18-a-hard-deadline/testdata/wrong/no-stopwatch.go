// Wrong: stop never calls off the watch that context.AfterFunc set on ctx, so with a ctx whose Done channel is not the context package's, a goroutine waits for ctx after stop has returned, until ctx is done, which may be never.

package harddeadline

import (
	"context"
	"sync"
	"time"
)

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then. It starts no goroutine until ctx is done, and none is
// left once stop has returned.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	var (
		mu      sync.Mutex // guards the following
		stopped bool       // stop has been called: never exit
		fired   bool       // exit has been called
		timer   *time.Timer
	)
	context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		// The deadline starts now, when ctx is done.
		timer = time.AfterFunc(d, func() {
			mu.Lock()
			fire := !stopped
			fired = fire
			mu.Unlock()
			if fire {
				exit()
			}
		})
	})
	return func() bool {
		mu.Lock()
		defer mu.Unlock()
		if fired {
			return false
		}
		stopped = true
		if timer != nil {
			timer.Stop()
		}
		return true
	}
}
