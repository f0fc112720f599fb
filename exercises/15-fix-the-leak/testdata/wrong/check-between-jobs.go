// Wrong: the Worker looks at ctx between jobs, then waits for the next job with a plain receive, so a cancel during that wait is never seen.

package leak

import "context"

// Worker sends 2*j to results for every j it receives on jobs.
func Worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for {
		if ctx.Err() != nil {
			return
		}
		j, ok := <-jobs
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
