// Wrong: the deadline's timer starts when ExitAfter is called, not when ctx is done, so exit comes d after the start instead of d after the shutdown began.

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
		fired   bool
	)
	timer := time.AfterFunc(d, func() {
		<-ctx.Done() // the deadline is for the shutdown only
		mu.Lock()
		fire := !stopped
		fired = fire
		mu.Unlock()
		if fire {
			exit()
		}
	})
	return func() bool {
		timer.Stop()
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		return !fired
	}
}
