//go:build !solution

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d).
func WaitFor(ctx context.Context, d time.Duration) bool {
	time.Sleep(d) // TODO: Event.wait returns at once when the event is set
	return ctx.Err() != nil
}
