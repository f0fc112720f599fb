// Wrong: a d of 0 or less is taken to mean "no hard deadline", as a zero timeout means none in http.Server, so exit is never called.

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
	if d <= 0 {
		// No hard deadline, as with http.Server's timeouts.
		return func() bool { return true }
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
