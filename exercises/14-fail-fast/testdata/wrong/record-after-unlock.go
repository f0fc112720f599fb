// Wrong: the check that no error came first is made under the lock, but the error is recorded after unlocking: two failures at the same time both pass the check, a data race, and FirstError may return one while the others saw the other as the cause.

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
				mu.Lock()
				isFirst := first == nil
				mu.Unlock()
				if isFirst {
					first = err
					cancel(err)
				}
			}
		})
	}
	wg.Wait()
	return first
}
