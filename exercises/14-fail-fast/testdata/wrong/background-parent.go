// Wrong: the tasks' context is made from context.Background instead of ctx, so cancelling ctx does not reach the tasks.

package failfast

import (
	"context"
	"sync"
)

// FirstError runs the tasks concurrently and returns the first error.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	taskCtx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	for _, task := range tasks {
		wg.Go(func() {
			if err := task(taskCtx); err != nil {
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
