// Wrong: Done does not look again once it has the lock, so two goroutines that both found no channel each make one, and the first one made is never closed.

package fastdone

import (
	"sync"
	"sync/atomic"
)

// Token is a cancellation token with a Done channel.
type Token struct {
	mu        sync.Mutex
	done      atomic.Pointer[chan struct{}] // made under mu, then read without it
	cancelled bool
}

// Done returns a channel that is closed when t is cancelled. It takes the
// lock only to make the channel.
func (t *Token) Done() <-chan struct{} {
	if d := t.done.Load(); d != nil {
		return *d
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	d := make(chan struct{})
	t.done.Store(&d)
	return d
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
