// Wrong: stop and the timer share a plain bool with no lock, a data race: the race detector reports it, and exit can fire after stop has said true.

package harddeadline

import (
	"context"
	"time"
)

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	stopped, fired := false, false
	var timer *time.Timer
	stopWatch := context.AfterFunc(ctx, func() {
		timer = time.AfterFunc(d, func() {
			if !stopped {
				fired = true
				exit()
			}
		})
	})
	return func() bool {
		stopWatch()
		stopped = true
		if timer != nil {
			timer.Stop()
		}
		return !fired
	}
}
