// Wrong: WaitFor polls ctx.Err() every millisecond, so it sees the event up to a millisecond late, and gives up on a whole number of milliseconds instead of after d.

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d).
func WaitFor(ctx context.Context, d time.Duration) bool {
	for waited := time.Duration(0); waited < d; waited += time.Millisecond {
		if ctx.Err() != nil {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return ctx.Err() != nil
}
