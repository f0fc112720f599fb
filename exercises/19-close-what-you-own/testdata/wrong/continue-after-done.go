// Wrong: when ctx is done while a goroutine waits to hand a value over, it drops the value and goes back to its loop instead of returning, so it may take more values from its input and drop them too before it sees ctx again.

package merge

import (
	"context"
	"sync"
)

// Merge returns a channel that gives every value received from ins. It is
// closed once every one of ins is closed and every value handed over, or
// once ctx is done and Merge's goroutines have stopped.
func Merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	var senders sync.WaitGroup
	for _, in := range ins {
		senders.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case v, ok := <-in:
					if !ok {
						return
					}
					select {
					case out <- v:
					case <-ctx.Done():
					}
				}
			}
		})
	}
	// The senders own out together: whoever sees the last of them done
	// closes it.
	go func() {
		senders.Wait()
		close(out)
	}()
	return out
}
