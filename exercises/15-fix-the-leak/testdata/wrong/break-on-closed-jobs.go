// Wrong: when jobs is closed, a break leaves only the select, not the loop around it, so Worker spins on the closed channel for ever instead of returning, and never lets time pass.

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
				break
			}
			select {
			case results <- 2 * j:
			case <-ctx.Done():
				return
			}
		}
	}
}
