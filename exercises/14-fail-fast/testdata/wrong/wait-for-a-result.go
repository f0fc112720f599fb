// Wrong: the tasks send their results on a channel and FirstError counts the results it reads only after reading one, so with no task at all it waits for ever.

package failfast

import "context"

// FirstError runs the tasks concurrently; the first error cancels the
// others and is returned once every task has returned.
func FirstError(ctx context.Context, tasks ...func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	results := make(chan error, len(tasks))
	for _, task := range tasks {
		go func() { results <- task(ctx) }()
	}
	var first error
	for n := 1; ; n++ { // one result per task
		err := <-results
		if err != nil && first == nil {
			first = err
			cancel(err)
		}
		if n == len(tasks) {
			break
		}
	}
	return first
}
