// Wrong: it makes the value atomic and leaves the ready flag a plain bool, so the flag itself is a data race.

package publish

import "sync/atomic"

// Box holds a result once it is ready.
type Box struct {
	value atomic.Int64
	ready bool
}

// Put stores the result and marks it ready.
func (b *Box) Put(v int) {
	b.value.Store(int64(v))
	b.ready = true
}

// Get returns the result and whether it is ready.
func (b *Box) Get() (int, bool) {
	if !b.ready {
		return 0, false
	}
	return int(b.value.Load()), true
}
