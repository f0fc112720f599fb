// Wrong: the goroutine loops, since os.Exit never returns; a fake exit does, and ctx is still done, so exit is called again every d.

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
		mu      sync.Mutex
		fired   bool
		stopped = make(chan struct{})
		once    sync.Once
	)
	go func() {
		for {
			select {
			case <-ctx.Done():
			case <-stopped:
				return
			}
			select {
			case <-time.After(d):
				mu.Lock()
				select {
				case <-stopped:
					mu.Unlock()
					return
				default:
				}
				fired = true
				mu.Unlock()
				exit() // never returns
			case <-stopped:
				return
			}
		}
	}()
	return func() bool {
		mu.Lock()
		defer mu.Unlock()
		once.Do(func() { close(stopped) })
		return !fired
	}
}
