// Wrong: the goroutine waits for ctx alone, so when stop comes first and ctx is never done, it waits for ever: a leaked goroutine.

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
		<-ctx.Done()
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
			mu.Lock()
			select {
			case <-stopped:
				mu.Unlock()
				return
			default:
			}
			fired = true
			mu.Unlock()
			exit()
		case <-stopped:
		}
	}()
	return func() bool {
		mu.Lock()
		defer mu.Unlock()
		once.Do(func() { close(stopped) })
		return !fired
	}
}
