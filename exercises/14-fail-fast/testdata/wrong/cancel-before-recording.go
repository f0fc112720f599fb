// Wrong: the failure cancels the others before it is recorded, so a cancelled task can take the lock first and its context.Canceled is returned instead of the failure.

package failfast

import (
	"context"
	"sync"
)

// FirstError runs the tasks concurrently; the first error cancels the
// others and is returned once every task has returned.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	for _, task := range tasks {
		wg.Go(func() {
			if err := task(ctx); err != nil {
				cancel(err) // only the first cancel counts
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return first
}
