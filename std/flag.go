package std

import "sync/atomic"

// Flag is the source lesson's token and nothing more: one atomic.Bool that
// a controller sets and tasks read. Token starts from the same flag and adds
// what a real token needs (a channel that wakes waiting tasks, children,
// causes and callbacks).
//
// The zero Flag is ready to use. A Flag must not be copied after first use.
// Its methods are safe to call from multiple goroutines at once.
type Flag struct {
	cancelled atomic.Bool
}

// Cancel sets the flag. Only the first call has an effect.
func (f *Flag) Cancel() {
	f.cancelled.Store(true)
}

// IsCancelled reports whether Cancel has been called: one atomic load.
func (f *Flag) IsCancelled() bool {
	return f.cancelled.Load()
}
