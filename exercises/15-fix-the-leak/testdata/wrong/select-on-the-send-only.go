// Wrong: the send is in a select with ctx.Done(), but the wait for a job is a plain range loop, which never sees the cancel.

package leak

import "context"

// Worker sends 2*j to results for every j it receives on jobs.
func Worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		select {
		case results <- 2 * j:
		case <-ctx.Done():
			return
		}
	}
}
