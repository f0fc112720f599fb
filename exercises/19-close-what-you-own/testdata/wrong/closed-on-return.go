// Wrong: Merge closes out as it returns, before its goroutines have sent anything: the reader sees it closed at once, and the senders panic.
//go:build !solution

package merge

import "context"

// Merge returns a channel that gives every value received from ins.
func Merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	defer close(out)
	for _, in := range ins {
		go func() {
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
		}()
	}
	return out
}
