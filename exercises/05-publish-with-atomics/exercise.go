//go:build !solution

package publish

// Box holds a result once it is ready.
type Box struct {
	value int
	ready bool // TODO: written by one goroutine, read by another
}

// Put stores the result and marks it ready.
func (b *Box) Put(v int) {
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
