// Wrong: ctx is checked only at the top of each turn of the range loop, so a Worker waiting for a job or to send a result never sees the cancel.

package leak

import "context"

// Worker sends 2*j to results for every j it receives on jobs.
func Worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		if ctx.Err() != nil {
			return
		}
		results <- 2 * j
	}
}
