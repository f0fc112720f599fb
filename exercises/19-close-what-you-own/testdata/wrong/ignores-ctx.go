// Wrong: out is closed by whoever sees the last sender done, but the senders never look at ctx: they wait for inputs that may never close.
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
			for v := range in {
				out <- v
			}
		})
	}
	go func() {
		senders.Wait()
		close(out)
	}()
	return out
}
