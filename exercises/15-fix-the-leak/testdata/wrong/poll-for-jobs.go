// Wrong: the Worker polls for a job, sleeping a millisecond when there is none, so it sees the cancel late, not when it happens.

package leak

import (
	"context"
	"time"
)

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
			case <-ctx.Done():
				return
			}
		default:
			time.Sleep(time.Millisecond)
		}
	}
}
