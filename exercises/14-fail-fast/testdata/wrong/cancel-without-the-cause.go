// Wrong: the failure cancels the others with a plain context.WithCancel, so they see context.Canceled as the cause, not the failure.

package failfast

import (
	"context"
	"sync"
)

// FirstError runs the tasks concurrently and returns the first error.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
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
					cancel()
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return first
}
