//go:build !solution

package merge

import "context"

// Merge returns a channel that gives every value received from ins.
func Merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	for _, in := range ins {
		go func() {
			for v := range in {
				out <- v
			}
			close(out) // TODO: out is shared: who may close it, and when? And ctx?
		}()
	}
	return out
}
