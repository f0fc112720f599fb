// Wrong: the flag is one package-level atomic shared by every Token, so cancelling one token cancels them all.

package flag

import "sync/atomic"

var cancelled atomic.Bool

// Token is a cancellation flag.
type Token struct{}

// Cancel sets the flag.
func (t *Token) Cancel() {
	cancelled.Store(true)
}

// IsCancelled reports whether Cancel has been called.
func (t *Token) IsCancelled() bool {
	return cancelled.Load()
}
