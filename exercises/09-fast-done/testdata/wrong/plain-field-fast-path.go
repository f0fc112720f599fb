// Wrong: the fast path reads the plain done field without the lock, while a first Done writes it under the lock: a data race.

package fastdone

import "sync"

// Token is a cancellation token with a Done channel.
type Token struct {
	mu        sync.Mutex
	done      chan struct{}
	cancelled bool
}

// Done returns a channel that is closed when t is cancelled.
func (t *Token) Done() <-chan struct{} {
	if t.done != nil {
		return t.done
	}
	t.mu.Lock()
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
