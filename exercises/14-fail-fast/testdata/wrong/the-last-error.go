// Wrong: every error overwrites the one before, so FirstError returns the last error, what a cancelled task said, not the failure.

package failfast

import (
	"context"
	"sync"
)

// FirstError runs the tasks concurrently and returns the first error.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu  sync.Mutex
		err error
		wg  sync.WaitGroup
	)
	for _, task := range tasks {
		wg.Go(func() {
			if e := task(ctx); e != nil {
				mu.Lock()
				err = e
				cancel(e)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return err
}
