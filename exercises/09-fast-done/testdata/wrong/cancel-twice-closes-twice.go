// Wrong: Cancel drops the cancelled flag and checks only for the closed channel of a token cancelled before Done, so a second Cancel after Done closes the channel again and panics.

package fastdone

import (
	"sync"
	"sync/atomic"
)

// Token is a cancellation token with a Done channel.
type Token struct {
	mu   sync.Mutex
	done atomic.Pointer[chan struct{}] // made under mu, then read without it
}

// Done returns a channel that is closed when t is cancelled. It takes the
// lock only to make the channel.
func (t *Token) Done() <-chan struct{} {
	if d := t.done.Load(); d != nil {
		return *d
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if d := t.done.Load(); d != nil { // made since the load above
		return *d
	}
	d := make(chan struct{})
	t.done.Store(&d)
	return d
}

// Cancel cancels t; only the first call has an effect. It needs no flag:
// the channel says whether t is cancelled.
func (t *Token) Cancel() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if d := t.done.Load(); d == nil {
		t.done.Store(&closedChan)
	} else if d != &closedChan {
		close(*d)
	}
}
