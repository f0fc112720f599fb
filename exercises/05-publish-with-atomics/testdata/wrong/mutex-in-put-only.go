// Wrong: Put writes under a mutex but Get reads without it, and a lock that only one side takes synchronizes nothing.

package publish

import "sync"

// Box holds a result once it is ready.
type Box struct {
	mu    sync.Mutex
	value int
	ready bool
}

// Put stores the result and marks it ready.
func (b *Box) Put(v int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.value = v
	b.ready = true
}

// Get returns the result and whether it is ready.
func (b *Box) Get() (int, bool) {
	if !b.ready {
		return 0, false
	}
	return b.value, true
}
