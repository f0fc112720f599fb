// Wrong: the atomic is allocated lazily behind a plain pointer field, and that pointer is written and read by different goroutines without synchronization.

package flag

import "sync/atomic"

// Token is a cancellation flag.
type Token struct {
	cancelled *atomic.Bool
}

// Cancel sets the flag.
func (t *Token) Cancel() {
	if t.cancelled == nil {
		t.cancelled = new(atomic.Bool)
	}
	t.cancelled.Store(true)
}

// IsCancelled reports whether Cancel has been called.
func (t *Token) IsCancelled() bool {
	if t.cancelled == nil {
		return false
	}
	return t.cancelled.Load()
}
