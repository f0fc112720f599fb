// Wrong: the tasks' context is cancelled only when a task fails, so after every task has succeeded it is still live.

package failfast

import (
	"context"
	"sync"
)

// FirstError runs the tasks concurrently and returns the first error.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	for _, task := range tasks {
		wg.Go(func() {
			if err := task(ctx); err != nil {
				mu.Lock()
				if first == nil {
					first = err
					cancel(err)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return first
}
