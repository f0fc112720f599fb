// Wrong: the channel is atomic now, but Done still takes the lock before it looks, so it waits behind every other holder of the lock.

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
	t.mu.Lock()
	defer t.mu.Unlock()
	if d := t.done.Load(); d != nil {
		return *d
	}
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
