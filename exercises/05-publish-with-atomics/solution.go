//go:build solution

package publish

import "sync/atomic"

// Box holds a result once it is ready.
type Box struct {
	value int
	ready atomic.Bool // published after value
}

// Put stores the result and then marks it ready: the store to ready
// publishes the write to value.
func (b *Box) Put(v int) {
	b.value = v
	b.ready.Store(true)
}

// Get returns the result and whether it is ready.
func (b *Box) Get() (int, bool) {
	if !b.ready.Load() {
		return 0, false
	}
	return b.value, true
}
