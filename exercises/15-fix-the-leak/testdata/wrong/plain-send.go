// Wrong: the wait for a job is in a select with ctx.Done(), but the result is sent with a plain send, which waits forever when nobody reads it.

package leak

import "context"

// Worker sends 2*j to results for every j it receives on jobs.
func Worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for {
		select {
		case <-ctx.Done():
			return
		case j, ok := <-jobs:
			if !ok {
				return
			}
			results <- 2 * j
		}
	}
}
