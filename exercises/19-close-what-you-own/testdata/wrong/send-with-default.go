// Wrong: a select with a default case hands a value over only if a reader is waiting at that instant, and drops it otherwise.
//go:build !solution

package merge

import (
	"context"
	"sync"
)

// Merge returns a channel that gives every value received from ins.
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
					default:
					}
				}
			}
		})
	}
	go func() {
		senders.Wait()
		close(out)
	}()
	return out
}
