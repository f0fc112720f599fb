// Wrong: the first sender to finish closes out, once (sync.Once), while the others may still send on it.
//go:build !solution

package merge

import (
	"context"
	"sync"
)

// Merge returns a channel that gives every value received from ins.
func Merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	var once sync.Once
	for _, in := range ins {
		go func() {
			defer once.Do(func() { close(out) })
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
	if len(ins) == 0 {
		close(out)
	}
	return out
}
