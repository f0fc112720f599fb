// Wrong: the tasks' context is made from context.Background, and the end of ctx is relayed to it with context.AfterFunc, so cancelling ctx reaches the tasks but ctx's values and deadline do not.

package failfast

import (
	"context"
	"sync"
)

// FirstError runs the tasks concurrently; the first error cancels the
// others and is returned once every task has returned.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	taskCtx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stop := context.AfterFunc(ctx, func() { cancel(context.Cause(ctx)) })
	defer stop()
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
