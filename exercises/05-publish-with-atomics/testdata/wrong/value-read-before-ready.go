// Wrong: Get reads value before it loads ready, so it reads plain memory that Put may be writing at that moment.

package publish

import "sync/atomic"

// Box holds a result once it is ready.
type Box struct {
	value int
	ready atomic.Bool
}

// Put stores the result and marks it ready.
func (b *Box) Put(v int) {
	b.value = v
	b.ready.Store(true)
}

// Get returns the result and whether it is ready.
func (b *Box) Get() (int, bool) {
	v := b.value
	if !b.ready.Load() {
		return 0, false
	}
	return v, true
}
