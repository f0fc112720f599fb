// Wrong: stop says true even when exit has already been called, so the program believes it finished its shutdown in time.

package harddeadline

import (
	"context"
	"sync"
	"time"
)

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	var (
		mu      sync.Mutex
		stopped bool
		timer   *time.Timer
	)
	stopWatch := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		timer = time.AfterFunc(d, func() {
			mu.Lock()
			fire := !stopped
			mu.Unlock()
			if fire {
				exit()
			}
		})
	})
	return func() bool {
		stopWatch()
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		if timer != nil {
			timer.Stop()
		}
		return true
	}
}
