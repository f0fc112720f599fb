// Wrong: it drops the ready flag and takes a zero value to mean "not ready", so a result of 0 is never delivered (and value is no longer a plain int).

package publish

import "sync/atomic"

// Box holds a result once it is ready.
type Box struct {
	value atomic.Int64
}

// Put stores the result and marks it ready.
func (b *Box) Put(v int) {
	b.value.Store(int64(v))
}

// Get returns the result and whether it is ready.
func (b *Box) Get() (int, bool) {
	v := b.value.Load()
	return int(v), v != 0
}
