// Wrong: Cancel sets an atomic flag and no longer takes the mutex, so a Cancel at the same time as the first Done can store the closed channel over the new one, or find none to close: the channel that Done handed out is never closed.

package fastdone

import (
	"sync"
	"sync/atomic"
)

// Token is a cancellation token with a Done channel.
type Token struct {
	mu        sync.Mutex
	done      atomic.Pointer[chan struct{}] // made under mu, then read without it
	cancelled atomic.Bool
}

// Done returns a channel that is closed when t is cancelled. It takes the
// lock only to make the channel.
func (t *Token) Done() <-chan struct{} {
	if d := t.done.Load(); d != nil {
		return *d
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if d := t.done.Load(); d != nil {
		return *d
	}
	d := make(chan struct{})
	t.done.Store(&d)
	return d
}

// Cancel cancels t; only the first call has an effect. It needs no lock:
// the flag is atomic.
func (t *Token) Cancel() {
	if t.cancelled.Swap(true) {
		return
	}
	if d := t.done.Load(); d == nil {
		t.done.Store(&closedChan)
	} else {
		close(*d)
	}
}
