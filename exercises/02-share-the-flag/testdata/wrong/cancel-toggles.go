// Wrong: Cancel flips the flag instead of setting it, so a second Cancel un-cancels the token.

package flag

import "sync/atomic"

// Token is a cancellation flag.
type Token struct {
	cancelled atomic.Bool
}

// Cancel sets the flag.
func (t *Token) Cancel() {
	t.cancelled.Store(!t.cancelled.Load())
}

// IsCancelled reports whether Cancel has been called.
func (t *Token) IsCancelled() bool {
	return t.cancelled.Load()
}
