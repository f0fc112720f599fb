// Wrong: two goroutines race to send the answer on an unbuffered channel, and the one that loses waits forever: every call leaks a goroutine.

package eventwait

import (
	"context"
	"time"
)

// WaitFor reports whether ctx was done within d, like Event.wait(d).
func WaitFor(ctx context.Context, d time.Duration) bool {
	answer := make(chan bool)
	go func() {
		time.Sleep(d)
		answer <- false
	}()
	go func() {
		<-ctx.Done()
		answer <- true
	}()
	return <-answer
}
