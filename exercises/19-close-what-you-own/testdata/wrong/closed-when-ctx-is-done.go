// Wrong: out is closed the moment ctx is done, while a sender may still be about to send on it: that send panics.
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
					case <-ctx.Done():
						return
					}
				}
			}
		})
	}
	finished := make(chan struct{})
	go func() {
		senders.Wait()
		close(finished)
	}()
	go func() {
		select {
		case <-finished:
		case <-ctx.Done(): // do not wait for the senders: close now
		}
		close(out)
	}()
	return out
}
