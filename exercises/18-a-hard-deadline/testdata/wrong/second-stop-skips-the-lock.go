// Wrong: a stop that finds the shutdown stopped already returns the first answer without taking the lock, a data race when two goroutines call stop at once.

package harddeadline

import (
	"context"
	"sync"
	"time"
)

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then. It starts no goroutine until ctx is done, and none is
// left once stop has returned.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	var (
		mu      sync.Mutex // guards the following
		stopped bool       // stop has been called: never exit
		answer  bool       // what the first stop returned
		fired   bool       // exit has been called
		timer   *time.Timer
	)
	stopWatch := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		// The deadline starts now, when ctx is done.
		timer = time.AfterFunc(d, func() {
			mu.Lock()
			fire := !stopped
			fired = fire
			mu.Unlock()
			if fire {
				exit()
			}
		})
	})
	return func() bool {
		if stopped { // stopped already: the answer is known, no need to lock
			return answer
		}
		stopWatch() // if ctx is not done yet, it never starts the timer
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		answer = !fired
		if timer != nil {
			timer.Stop()
		}
		return answer
	}
}
