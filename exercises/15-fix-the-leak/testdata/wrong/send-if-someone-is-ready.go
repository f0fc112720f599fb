// Wrong: the result is sent only if a reader is ready at that instant, so a result for a reader that comes a little later is dropped.

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
			select {
			case results <- 2 * j:
			default:
			}
		}
	}
}
