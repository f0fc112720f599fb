// Wrong: a mutex guards out and a closed flag, and a sender holds it across a plain send, so when ctx is done while nobody reads, the sender waits for ever with the lock held, and the close that needs the lock never comes.

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
	var (
		mu      sync.Mutex // guards out and closed: no send after the close
		closed  bool
		senders sync.WaitGroup
	)
	closeOut := func() {
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			closed = true
			close(out)
		}
	}
	stop := context.AfterFunc(ctx, closeOut)
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
					mu.Lock()
					if closed {
						mu.Unlock()
						return
					}
					out <- v // under the lock: nobody can close out meanwhile
					mu.Unlock()
				}
			}
		})
	}
	go func() {
		senders.Wait()
		stop()
		closeOut()
	}()
	return out
}
