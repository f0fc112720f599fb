// Wrong: WaitFor waits on a context.WithTimeout of ctx and says false whenever that context ended with DeadlineExceeded, so a ctx that is done because its own deadline passed is taken for the timeout.
package eventwait

import (
	"context"
	"errors"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d):
// true the moment it is, false when d has passed.
func WaitFor(ctx context.Context, d time.Duration) bool {
	tctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	<-tctx.Done()
	// Timed out: our own deadline passed; otherwise ctx was done.
	return !errors.Is(tctx.Err(), context.DeadlineExceeded)
}
