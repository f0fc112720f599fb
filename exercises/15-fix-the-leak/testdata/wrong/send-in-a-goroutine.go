// Wrong: each result is sent from a goroutine of its own, so that Worker never waits to hand over; Worker returns while those goroutines still hold results, and they outlive it.

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
			go func() {
				select {
				case results <- 2 * j:
				case <-ctx.Done():
				}
			}()
		}
	}
}
