// Wrong: Put sets ready before it writes value, so a reader that sees ready may read value while it is being written.

package publish

import "sync/atomic"

// Box holds a result once it is ready.
type Box struct {
	value int
	ready atomic.Bool
}

// Put stores the result and marks it ready.
func (b *Box) Put(v int) {
	b.ready.Store(true)
	b.value = v
}

// Get returns the result and whether it is ready.
func (b *Box) Get() (int, bool) {
	if !b.ready.Load() {
		return 0, false
	}
	return b.value, true
}
