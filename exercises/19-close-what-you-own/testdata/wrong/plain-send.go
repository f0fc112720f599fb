// Wrong: the senders wait for a value or ctx.Done(), but hand the value over with a plain send, which waits forever for a reader that has stopped.
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
					out <- v
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
