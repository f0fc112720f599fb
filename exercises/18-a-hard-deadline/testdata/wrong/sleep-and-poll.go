// Wrong: a goroutine polls ctx and the stop flag every millisecond with time.Sleep, so it sees ctx done up to a millisecond late, and exit comes late.

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
		stopped bool
		fired   bool
	)
	isStopped := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return stopped
	}
	go func() {
		for ctx.Err() == nil {
			if isStopped() {
				return
			}
			time.Sleep(time.Millisecond)
		}
		for deadline := time.Now().Add(d); time.Now().Before(deadline); {
			if isStopped() {
				return
			}
			time.Sleep(time.Millisecond)
		}
		mu.Lock()
		fire := !stopped
		fired = fire
		mu.Unlock()
		if fire {
			exit()
		}
	}()
	return func() bool {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		return !fired
	}
}
