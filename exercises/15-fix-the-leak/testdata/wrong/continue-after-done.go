// Wrong: when ctx is done while Worker waits to hand a result over, it drops the result and goes back to its loop instead of returning, so it may take and drop more jobs before it sees ctx again.

package leak

import "context"

// Worker sends 2*j to results for every j it receives on jobs, until jobs
// is closed or ctx is done.
func Worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for {
		select {
		case <-ctx.Done():
			return
		case j, ok := <-jobs:
			if !ok {
				return
			}
			select {
			case results <- 2 * j:
			case <-ctx.Done():
			}
		}
	}
}
