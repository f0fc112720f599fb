// Wrong: the methods have value receivers, so Cancel sets the flag of a copy and the caller's Token never changes.

package flag

import "sync/atomic"

// Token is a cancellation flag.
type Token struct {
	cancelled atomic.Bool
}

// Cancel sets the flag.
func (t Token) Cancel() {
	t.cancelled.Store(true)
}

// IsCancelled reports whether Cancel has been called.
func (t Token) IsCancelled() bool {
	return t.cancelled.Load()
}
