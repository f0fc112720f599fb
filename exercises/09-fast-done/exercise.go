//go:build !solution

package fastdone

import "sync"

// Token is a cancellation token with a Done channel.
type Token struct {
	mu        sync.Mutex
	done      chan struct{} // TODO: read without the lock once it exists
	cancelled bool
}

// Done returns a channel that is closed when t is cancelled.
func (t *Token) Done() <-chan struct{} {
	t.mu.Lock() // TODO: every call waits for the lock
	defer t.mu.Unlock()
	if t.done == nil {
		t.done = make(chan struct{})
	}
	return t.done
}

// Cancel cancels t; only the first call has an effect.
func (t *Token) Cancel() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancelled {
		return
	}
	t.cancelled = true
	if t.done == nil {
		t.done = closedChan
	} else {
		close(t.done)
	}
}
