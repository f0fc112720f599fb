//go:build !solution

package harddeadline

import (
	"context"
	"time"
)

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	// TODO: wait for ctx, then d; let stop call the whole thing off.
	return func() bool { return true }
}
