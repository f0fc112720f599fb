// Wrong: stop calls off only the wait for ctx; once ctx is done the deadline's timer runs on, and exit is called even after stop.

package harddeadline

import (
	"context"
	"time"
)

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	stopWatch := context.AfterFunc(ctx, func() {
		time.AfterFunc(d, exit)
	})
	return stopWatch // true if it stopped the AfterFunc: the exit is off
}
