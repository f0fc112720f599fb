// Wrong: IsCancelled has a value receiver, so every call copies the atomic.Bool with a plain read that races with Cancel's Store.

package flag

import "sync/atomic"

// Token is a cancellation flag.
type Token struct {
	cancelled atomic.Bool
}

// Cancel sets the flag.
func (t *Token) Cancel() {
	t.cancelled.Store(true)
}

// IsCancelled reports whether Cancel has been called.
func (t Token) IsCancelled() bool {
	return t.cancelled.Load()
}
