// Wrong: Worker closes results when it returns, a channel it only sends on and does not own; with two Workers sharing it, the second close panics.

package leak

import "context"

// Worker sends 2*j to results for every j it receives on jobs, until jobs
// is closed or ctx is done.
func Worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	defer close(results)
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
				return
			}
		}
	}
}
