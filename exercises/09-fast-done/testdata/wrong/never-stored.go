// Wrong: Done makes a channel when there is none but never stores it, so every call gets a new one that nobody will close.

package fastdone

import (
	"sync"
	"sync/atomic"
)

// Token is a cancellation token with a Done channel.
type Token struct {
	mu        sync.Mutex
	done      atomic.Pointer[chan struct{}]
	cancelled bool
}

// Done returns a channel that is closed when t is cancelled.
func (t *Token) Done() <-chan struct{} {
	if d := t.done.Load(); d != nil {
		return *d
	}
	return make(chan struct{})
}

// Cancel cancels t; only the first call has an effect.
func (t *Token) Cancel() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancelled {
		return
	}
	t.cancelled = true
	if d := t.done.Load(); d == nil {
		t.done.Store(&closedChan)
	} else {
		close(*d)
	}
}
