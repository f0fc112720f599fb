// Wrong: WaitFor waits for ctx alone and ignores d, so an event that is never set makes it wait forever.

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d).
func WaitFor(ctx context.Context, d time.Duration) bool {
	<-ctx.Done()
	return true
}
