// Wrong: FirstError returns as soon as a task fails, without waiting for the others, which may still be running.

package failfast

import (
	"context"
	"sync"
)

// FirstError runs the tasks concurrently and returns the first error.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	errs := make(chan error, len(tasks))
	var wg sync.WaitGroup
	for _, task := range tasks {
		wg.Go(func() { errs <- task(ctx) })
	}
	for range tasks {
		if err := <-errs; err != nil {
			cancel(err)
			return err
		}
	}
	return nil
}
