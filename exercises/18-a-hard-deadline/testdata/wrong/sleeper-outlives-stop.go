// Wrong: stop sets a flag, but the goroutine that sleeps through the deadline is not woken: it is left sleeping after stop returns, until the deadline.

package harddeadline

import (
	"context"
	"sync"
	"time"
)

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	var (
		mu      sync.Mutex // guards the following
		stopped bool
		fired   bool
	)
	stopCh := make(chan struct{})
	var once sync.Once
	go func() {
		select {
		case <-ctx.Done():
		case <-stopCh:
			return
		}
		time.Sleep(d) // stop sets the flag: it is looked at below
		mu.Lock()
		fire := !stopped
		fired = fire
		mu.Unlock()
		if fire {
			exit()
		}
	}()
	return func() bool {
		once.Do(func() { close(stopCh) })
		mu.Lock()
		defer mu.Unlock()
		if fired {
			return false
		}
		stopped = true
		return true
	}
}
