// Wrong: when ctx is already done at the call, a plain timer is started and stop returns what Timer.Stop says, which is false the second time: stop says exit was called when it never was.

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
	if ctx.Err() != nil { // the shutdown has begun already: just the timer
		t := time.AfterFunc(d, exit)
		return t.Stop
	}
	var (
		mu      sync.Mutex // guards the following
		stopped bool       // stop has been called: never exit
		fired   bool       // exit has been called
		timer   *time.Timer
	)
	stopWatch := context.AfterFunc(ctx, func() {
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
		stopWatch() // if ctx is not done yet, it never starts the timer
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
